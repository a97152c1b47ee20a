package dev.switchboard.web;

/** The SQL of the attempt counters. */
final class AttemptsSql {

    static final String HELD_UNTIL = """
            SELECT held_until FROM attempt_counters
             WHERE kind = #{kind} AND key_sha256 = #{key} AND expires_at > #{now}
            """;

    /**
     * Makes sure the counter exists, started afresh if it has expired, and locks it for the rest of
     * the transaction, so that attempts made at the same moment are counted one after another.
     */
    static final String LOCK = """
            INSERT INTO attempt_counters (kind, key_sha256, attempts, held_until, expires_at)
            VALUES (#{kind}, #{key}, 0, NULL, #{expiresAt})
            ON DUPLICATE KEY UPDATE attempts = IF(expires_at <= #{now}, 0, attempts),
                                    held_until = IF(expires_at <= #{now}, NULL, held_until)
            """;

    static final String ATTEMPTS = """
            SELECT attempts, held_until FROM attempt_counters WHERE kind = #{kind} AND key_sha256 = #{key}
            """;

    /** An attempt counted in advance that turned out good (a login that succeeded) is taken back. */
    static final String UNCOUNT = """
            UPDATE attempt_counters SET attempts = GREATEST(attempts, 1) - 1 WHERE kind = #{kind} AND key_sha256 = #{key}
            """;

    static final String HOLD = """
            UPDATE attempt_counters SET attempts = #{attempts}, held_until = #{heldUntil}, expires_at = #{expiresAt}
             WHERE kind = #{kind} AND key_sha256 = #{key}
            """;

    static final String FORGET = "DELETE FROM attempt_counters WHERE kind = #{kind} AND key_sha256 = #{key}";

    /** In slices, so one purge never holds many locks for long (uses ix_attempt_counters_expiry). */
    static final String PURGE_EXPIRED = "DELETE FROM attempt_counters WHERE expires_at <= #{now} LIMIT 1000";

    static final String ROWS = "SELECT COUNT(*) AS n FROM attempt_counters";

    /** Beyond the cap, the counters that would be forgotten soonest go first (uses ix_attempt_counters_expiry). */
    static final String EVICT_SOONEST = "DELETE FROM attempt_counters ORDER BY expires_at LIMIT #{excess}";

    private AttemptsSql() {
    }
}
