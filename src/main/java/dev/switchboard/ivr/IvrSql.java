package dev.switchboard.ivr;

/** What the IVR asks the database. */
final class IvrSql {

    static final String ACCOUNT_BY_NUMBER = "SELECT id, account_number, name FROM accounts WHERE account_number = #{number}";

    /** Accounts with this phone number: exactly one identifies the caller. */
    static final String ACCOUNTS_BY_PHONE = """
            SELECT a.id, a.account_number, a.name FROM account_phones p JOIN accounts a ON a.id = p.account_id
             WHERE p.e164 = #{e164} LIMIT 2
            """;

    /** The account's latest case that is not closed or cancelled, and its next booked visit. */
    static final String OPEN_CASE = """
            SELECT c.id, c.status,
                   (SELECT MIN(v.starts_at) FROM visits v
                     WHERE v.case_id = c.id AND v.status = 'booked' AND v.starts_at >= #{now}) AS next_visit
              FROM cases c JOIN accounts a ON a.id = c.account_id
             WHERE a.account_number = #{number} AND c.status NOT IN ('closed', 'cancelled')
             ORDER BY c.created_at DESC LIMIT 1
            """;

    private IvrSql() {
    }
}
