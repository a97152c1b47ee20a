package dev.switchboard.accounts;

/**
 * The SQL of account lookups for the screen pop. Every query starts from an index on the value
 * looked up and is bounded by LIMIT, so it costs the same at 1 million accounts as at 1,000.
 */
final class AccountsSql {

    static final String BY_NUMBER = """
            SELECT id, account_number, name, email, status FROM accounts WHERE account_number = #{number}
            """;

    /** Accounts with this phone number (uk index on e164 for exclusive numbers, ix on e164 for shared). */
    static final String BY_PHONE = """
            SELECT a.id, a.account_number, a.name, a.email, a.status
              FROM account_phones p JOIN accounts a ON a.id = p.account_id
             WHERE p.e164 = #{e164}
             ORDER BY a.id LIMIT #{limit}
            """;

    static final String ACCOUNT_OF_CASE = "SELECT account_id FROM cases WHERE id = #{case}";

    static final String DETAILS = """
            SELECT a.id, a.account_number, a.name, a.email, a.status,
                   s.line1, s.line2, s.city, s.postcode, r.name AS region
              FROM accounts a
              LEFT JOIN service_addresses s ON s.id = (SELECT s2.id FROM service_addresses s2
                                                        WHERE s2.account_id = a.id
                                                        ORDER BY s2.is_primary DESC, s2.id LIMIT 1)
              LEFT JOIN regions r ON r.id = s.region_id
             WHERE a.id = #{account}
            """;

    static final String PHONES = """
            SELECT e164, kind FROM account_phones WHERE account_id = #{account} ORDER BY id LIMIT 10
            """;

    static final String OPEN_CASES = """
            SELECT id, category, priority, status, created_at FROM cases
             WHERE account_id = #{account} AND status NOT IN ('closed', 'cancelled')
             ORDER BY created_at DESC LIMIT 10
            """;

    static final String NEXT_VISIT = """
            SELECT v.id, v.case_id, v.starts_at, v.ends_at, e.name AS engineer
              FROM cases c JOIN visits v ON v.case_id = c.id JOIN engineers e ON e.id = v.engineer_id
             WHERE c.account_id = #{account} AND v.status = 'booked' AND v.ends_at >= #{now}
             ORDER BY v.starts_at LIMIT 1
            """;

    static final String RECENT_CASES = """
            SELECT id, category, status, created_at, closed_at FROM cases
             WHERE account_id = #{account} ORDER BY created_at DESC LIMIT 10
            """;

    static final String RECENT_VISITS = """
            SELECT v.id, v.case_id, v.starts_at, v.status, r.outcome, e.name AS engineer
              FROM cases c JOIN visits v ON v.case_id = c.id JOIN engineers e ON e.id = v.engineer_id
              LEFT JOIN engineer_reports r ON r.visit_id = v.id
             WHERE c.account_id = #{account} AND v.starts_at < #{now}
             ORDER BY v.starts_at DESC LIMIT 10
            """;

    static final String RECENT_CALLS = """
            SELECT j.linkedid, j.started_at, l.queue_name, l.outcome, l.agent_member_name
              FROM (SELECT id, linkedid, started_at FROM call_journeys
                     WHERE account_id = #{account} AND linkedid <> #{currentCall}
                     ORDER BY started_at DESC LIMIT 10) j
              LEFT JOIN call_legs l ON l.journey_id = j.id
                    AND l.leg_no = (SELECT MAX(l2.leg_no) FROM call_legs l2 WHERE l2.journey_id = j.id)
             ORDER BY j.started_at DESC
            """;

    static final String LAST_CSAT = """
            SELECT s.score, s.answered_at FROM cases c JOIN csat_surveys s ON s.case_id = c.id
             WHERE c.account_id = #{account} AND s.score IS NOT NULL
             ORDER BY s.answered_at DESC LIMIT 1
            """;

    private AccountsSql() {
    }
}
