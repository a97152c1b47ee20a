package dev.switchboard.callbacks;

/** The SQL of callback tasks. */
final class CallbacksSql {

    /** The number to call back for a case: the account's first phone. */
    static final String CASE_CONTACT = """
            SELECT c.id, c.account_id,
                   (SELECT p.e164 FROM account_phones p WHERE p.account_id = c.account_id ORDER BY p.id LIMIT 1) AS phone
              FROM cases c WHERE c.id = #{case}
            """;

    static final String USER_BY_NAME = "SELECT id FROM users WHERE username = #{username} AND active";

    static final String INSERT = """
            INSERT INTO callbacks (phone_e164, account_id, case_id, source, requested_at, due_at, assignee_user_id, note)
            VALUES (#{phone}, #{account}, #{case}, 'escalation', #{now}, #{due}, #{assignee}, #{note})
            RETURNING id
            """;

    private static final String COLUMNS = """
            SELECT b.id, b.phone_e164, b.case_id, b.source, b.status, b.requested_at, b.due_at, b.note, b.outcome,
                   u.username AS assignee
              FROM callbacks b LEFT JOIN users u ON u.id = b.assignee_user_id
            """;

    static final String ONE = COLUMNS + " WHERE b.id = #{id}";

    /** Open callbacks of one assignee, due first (index ix_callbacks_assignee). */
    static final String MINE = COLUMNS + """
             WHERE b.assignee_user_id = #{user} AND b.status IN ('pending', 'calling')
             ORDER BY b.due_at IS NULL, b.due_at, b.id LIMIT 200
            """;

    /** Every open callback, due first. */
    static final String ALL_OPEN = COLUMNS + """
             WHERE b.status IN ('pending', 'calling')
             ORDER BY b.due_at IS NULL, b.due_at, b.id LIMIT 500
            """;

    static final String LOCK = "SELECT case_id, status FROM callbacks WHERE id = #{id} FOR UPDATE";

    static final String DONE = "UPDATE callbacks SET status = 'done', outcome = #{outcome}, last_attempt_at = #{now} WHERE id = #{id}";

    private CallbacksSql() {
    }
}
