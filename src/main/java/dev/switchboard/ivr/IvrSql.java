package dev.switchboard.ivr;

/** What the IVR asks the database. */
final class IvrSql {

    static final String ACCOUNT_BY_NUMBER = "SELECT id, account_number, name FROM accounts WHERE account_number = #{number}";

    /** Accounts with this phone number: exactly one identifies the caller. */
    static final String ACCOUNTS_BY_PHONE = """
            SELECT a.id, a.account_number, a.name FROM account_phones p JOIN accounts a ON a.id = p.account_id
             WHERE p.e164 = #{e164} LIMIT 2
            """;

    /** The account's latest case that is not closed or cancelled. */
    static final String OPEN_CASE = """
            SELECT c.id, c.status
              FROM cases c JOIN accounts a ON a.id = c.account_id
             WHERE a.account_number = #{number} AND c.status NOT IN ('closed', 'cancelled')
             ORDER BY c.created_at DESC, c.id DESC LIMIT 1
            """;

    /** The account's next booked visit, of any of its cases. */
    static final String NEXT_VISIT = """
            SELECT v.starts_at, v.ends_at
              FROM visits v JOIN cases c ON c.id = v.case_id JOIN accounts a ON a.id = c.account_id
             WHERE a.account_number = #{number} AND v.status = 'booked' AND v.starts_at >= #{now}
             ORDER BY v.starts_at LIMIT 1
            """;

    /** A post-call survey score; a call is rated once (the unique key refuses a second). */
    static final String INSERT_CALL_SURVEY = """
            INSERT INTO call_surveys (linkedid, account_id, agent_member_name, score, answered_at)
            VALUES (#{linkedid}, (SELECT id FROM accounts WHERE account_number = #{account}), #{agent}, #{score}, #{now})
            """;

    private IvrSql() {
    }
}
