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
            SELECT a.id, a.account_number, a.name, a.email, a.status, a.version,
                   s.line1, s.line2, s.city, s.postcode, r.code AS region_code, r.name AS region
              FROM accounts a
              LEFT JOIN service_addresses s ON s.id = (SELECT s2.id FROM service_addresses s2
                                                        WHERE s2.account_id = a.id
                                                        ORDER BY s2.is_primary DESC, s2.id LIMIT 1)
              LEFT JOIN regions r ON r.id = s.region_id
             WHERE a.id = #{account}
            """;

    static final String PHONES = """
            SELECT id, e164, kind, shared FROM account_phones WHERE account_id = #{account} ORDER BY id LIMIT 10
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

    // Search: each key has its own index; each query is bounded by LIMIT and read in index order.

    static final String SEARCH_BY_NUMBER = "SELECT id FROM accounts WHERE account_number = #{number}";

    static final String SEARCH_BY_PHONE = """
            SELECT account_id AS id FROM account_phones WHERE e164 = #{e164} ORDER BY account_id LIMIT #{limit}
            """;

    static final String SEARCH_BY_POSTCODE = """
            SELECT account_id AS id FROM service_addresses WHERE postcode_key LIKE #{prefix}
             ORDER BY postcode_key, account_id LIMIT #{limit}
            """;

    static final String SEARCH_BY_STREET = """
            SELECT account_id AS id FROM service_addresses WHERE street_key LIKE #{prefix}
             ORDER BY street_key, account_id LIMIT #{limit}
            """;

    /** Accounts with a name word starting with {@code w0} (and, see {@link #nameSearch}, every other word). */
    static String nameSearch(int words) {
        StringBuilder sql = new StringBuilder("SELECT w.account_id AS id FROM account_name_words w WHERE w.word LIKE #{w0}");
        for (int i = 1; i < words; i++) {
            sql.append(" AND EXISTS (SELECT 1 FROM account_name_words o WHERE o.account_id = w.account_id"
                    + " AND o.word LIKE #{w").append(i).append("})");
        }
        return sql.append(" ORDER BY w.word, w.account_id LIMIT #{limit}").toString();
    }

    /** {@code #{id0}, #{id1}, ...} for an IN list of {@code count} ids. */
    static String idList(int count) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < count; i++) {
            list.append(i == 0 ? "" : ", ").append("#{id").append(i).append('}');
        }
        return list.toString();
    }

    /** The accounts with their service address (the primary one, else the first), if any. */
    static String accountsIn(int count) {
        return """
                SELECT a.id, a.account_number, a.name, a.email, a.status,
                       s.line1, s.line2, s.city, s.postcode, r.code AS region_code, r.name AS region
                  FROM accounts a
                  LEFT JOIN service_addresses s ON s.id = (SELECT s2.id FROM service_addresses s2
                                                            WHERE s2.account_id = a.id
                                                            ORDER BY s2.is_primary DESC, s2.id LIMIT 1)
                  LEFT JOIN regions r ON r.id = s.region_id
                 WHERE a.id IN (""" + idList(count) + ")";
    }

    static String phonesIn(int count) {
        return "SELECT id, account_id, e164, kind, shared FROM account_phones WHERE account_id IN (" + idList(count)
                + ") ORDER BY account_id, id";
    }

    static String openCasesIn(int count) {
        return "SELECT id, account_id, category, priority, status, created_at FROM cases WHERE account_id IN ("
                + idList(count) + ") AND status NOT IN ('closed', 'cancelled') ORDER BY account_id, created_at DESC";
    }

    // Creating and correcting accounts

    static final String LOCK_ACCOUNT = """
            SELECT id, account_number, name, email, status, version FROM accounts WHERE id = #{account} FOR UPDATE
            """;

    static final String NUMBER_TAKEN = "SELECT id FROM accounts WHERE account_number = #{number}";

    static final String INSERT_ACCOUNT = """
            INSERT INTO accounts (account_number, name, email, status, created_at, updated_at)
            VALUES (#{number}, #{name}, #{email}, #{status}, #{now}, #{now}) RETURNING id
            """;

    static final String UPDATE_ACCOUNT = """
            UPDATE accounts SET name = #{name}, email = #{email}, status = #{status}, version = version + 1,
                   updated_at = #{now}
             WHERE id = #{account}
            """;

    static final String BUMP_VERSION = "UPDATE accounts SET version = version + 1, updated_at = #{now} WHERE id = #{account}";

    static final String DELETE_NAME_WORDS = "DELETE FROM account_name_words WHERE account_id = #{account}";

    /** The words of the account's name, split as the insert trigger of V13 splits them. */
    static final String NAME_WORDS = """
            INSERT IGNORE INTO account_name_words (word, account_id)
            SELECT w.word, w.id FROM (
              SELECT a.id, LEFT(SUBSTRING_INDEX(SUBSTRING_INDEX(
                       REPLACE(REPLACE(REPLACE(a.name, '-', ' '), ',', ' '), '.', ' '), ' ', s.seq), ' ', -1), 64) AS word
                FROM accounts a JOIN seq_1_to_12 s WHERE a.id = #{account}) w
             WHERE w.word <> ''
            """;

    /** Other accounts that hold this number, whether shared or theirs alone. */
    static final String PHONE_HOLDERS = """
            SELECT p.account_id, p.shared, a.account_number, a.name FROM account_phones p
              JOIN accounts a ON a.id = p.account_id
             WHERE p.e164 = #{e164} AND p.account_id <> #{account}
             ORDER BY p.shared, p.account_id LIMIT 5
            """;

    static final String PHONE_OF_ACCOUNT = """
            SELECT id, e164, kind, shared FROM account_phones WHERE account_id = #{account} AND e164 = #{e164}
            """;

    static final String PHONE_BY_ID = """
            SELECT id, e164, kind, shared FROM account_phones WHERE id = #{phone} AND account_id = #{account} FOR UPDATE
            """;

    static final String INSERT_PHONE = """
            INSERT INTO account_phones (account_id, e164, kind, shared) VALUES (#{account}, #{e164}, #{kind}, #{shared})
            """;

    static final String DELETE_PHONE = "DELETE FROM account_phones WHERE id = #{phone}";

    static final String PRIMARY_ADDRESS = """
            SELECT s.id, s.line1, s.line2, s.city, s.postcode, r.code AS region_code FROM service_addresses s
              JOIN regions r ON r.id = s.region_id
             WHERE s.account_id = #{account} ORDER BY s.is_primary DESC, s.id LIMIT 1
            """;

    static final String INSERT_ADDRESS = """
            INSERT INTO service_addresses (account_id, line1, line2, city, postcode, region_id, is_primary)
            VALUES (#{account}, #{line1}, #{line2}, #{city}, #{postcode}, #{region}, TRUE)
            """;

    static final String UPDATE_ADDRESS = """
            UPDATE service_addresses SET line1 = #{line1}, line2 = #{line2}, city = #{city}, postcode = #{postcode},
                   region_id = #{region}
             WHERE id = #{address}
            """;

    static final String REGION_BY_CODE = "SELECT id, code FROM regions WHERE code = #{code}";

    static String regionOfPrefixes(int count) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < count; i++) {
            list.append(i == 0 ? "" : ", ").append("#{p").append(i).append('}');
        }
        return "SELECT r.id, r.code FROM postcode_regions p JOIN regions r ON r.id = p.region_id WHERE p.prefix IN ("
                + list + ") ORDER BY LENGTH(p.prefix) DESC LIMIT 1";
    }

    static final String INSERT_EVENT = """
            INSERT INTO account_events (account_id, at, actor_user_id, actor, kind, changes)
            VALUES (#{account}, #{now}, #{user}, #{actor}, #{kind}, #{changes})
            """;

    static final String EVENTS = """
            SELECT id, at, actor, kind, changes FROM account_events WHERE account_id = #{account} ORDER BY at, id
            """;

    // The postcode → region table

    static final String POSTCODE_REGIONS = """
            SELECT p.prefix, r.code AS region FROM postcode_regions p JOIN regions r ON r.id = p.region_id
             ORDER BY p.prefix
            """;

    static final String CLEAR_POSTCODE_REGIONS = "DELETE FROM postcode_regions";

    static final String INSERT_POSTCODE_REGION = """
            INSERT INTO postcode_regions (prefix, region_id) SELECT #{prefix}, id FROM regions WHERE code = #{region}
            """;

    private AccountsSql() {
    }
}
