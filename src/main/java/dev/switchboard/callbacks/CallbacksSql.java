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

    /** A caller's callback already waiting in this queue: pressing twice books one callback. */
    static final String OPEN_FOR_PHONE = """
            SELECT id, requested_at FROM callbacks
             WHERE phone_e164 = #{phone} AND queue_name = #{queue} AND status IN ('pending', 'calling')
             ORDER BY id LIMIT 1
            """;

    /** A callback asked for in the IVR, with the caller's account and its latest open case, if known. */
    static final String INSERT_FROM_IVR = """
            INSERT INTO callbacks (phone_e164, queue_name, account_id, case_id, source, requested_at, note)
            SELECT #{phone}, #{queue}, a.id,
                   (SELECT c.id FROM cases c WHERE c.account_id = a.id AND c.status NOT IN ('closed', 'cancelled')
                     ORDER BY c.created_at DESC, c.id DESC LIMIT 1),
                   'ivr', #{requestedAt}, 'requested in the IVR'
              FROM (SELECT 1) AS one LEFT JOIN accounts a ON a.account_number = #{account}
            RETURNING id
            """;

    /** Callbacks waiting before this one in its queue. */
    static final String AHEAD = """
            SELECT COUNT(*) AS ahead FROM callbacks
             WHERE queue_name = #{queue} AND status IN ('pending', 'calling')
               AND (requested_at < #{requestedAt} OR (requested_at = #{requestedAt} AND id < #{id}))
            """;

    /** Callbacks due to be placed, oldest request first. */
    static final String DUE = """
            SELECT b.id, b.queue_name, b.requested_at, b.phone_e164, b.attempts, a.account_number
              FROM callbacks b LEFT JOIN accounts a ON a.id = b.account_id
             WHERE b.status = 'pending' AND b.queue_name IS NOT NULL
               AND (b.next_attempt_at IS NULL OR b.next_attempt_at <= #{now})
             ORDER BY b.requested_at, b.id LIMIT 200
            """;

    static final String CLAIM = """
            UPDATE callbacks SET status = 'calling', agent_interface = #{agent}, action_id = #{actionId},
                   last_attempt_at = #{now}
             WHERE id = #{id} AND status = 'pending'
            """;

    /** The agent's phone did not answer (or Asterisk refused): the callback waits for the next agent. */
    static final String RELEASE = """
            UPDATE callbacks SET status = 'pending', agent_interface = NULL, action_id = NULL
             WHERE action_id = #{actionId} AND status = 'calling'
            """;

    /** A waiting callback to a number callbacks may no longer dial (booked before the rule or the setting changed). */
    static final String REFUSE = """
            UPDATE callbacks SET status = 'failed', outcome = #{outcome}, next_attempt_at = NULL
             WHERE id = #{id} AND status = 'pending'
            """;

    static final String RELEASE_BY_ID = """
            UPDATE callbacks SET status = 'pending', agent_interface = NULL, action_id = NULL
             WHERE id = #{id} AND status = 'calling'
            """;

    /** Callbacks left 'calling' by a restart or a lost result long ago go back to waiting. */
    static final String RELEASE_STALE = """
            UPDATE callbacks SET status = 'pending', agent_interface = NULL, action_id = NULL
             WHERE status = 'calling' AND last_attempt_at < #{before}
            """;

    static final String LOCK_ATTEMPT = """
            SELECT id, case_id, status, attempts, agent_interface FROM callbacks WHERE id = #{id} FOR UPDATE
            """;

    static final String RECORD_ATTEMPT = """
            UPDATE callbacks SET status = #{status}, attempts = attempts + 1, outcome = #{outcome},
                   next_attempt_at = #{nextAttemptAt}, connected_at = #{connectedAt}, action_id = NULL
             WHERE id = #{id}
            """;

    private CallbacksSql() {
    }
}
