package dev.switchboard.queues;

/** The SQL of queue figures: tallies of queue legs by outcome and hold time. */
final class QueuesSql {

    /** Legs that joined a queue in [from, to), by queue, outcome and hold. */
    static final String TALLIES = """
            SELECT l.queue_name, l.outcome, COALESCE(l.hold_seconds, 0) AS hold, COUNT(*) AS legs,
                   COALESCE(SUM(l.talk_seconds), 0) AS talk, COUNT(l.talk_seconds) AS talked
              FROM call_legs l
             WHERE l.joined_at >= #{from} AND l.joined_at < #{to}
             GROUP BY l.queue_name, l.outcome, hold
            """;

    /** The same for one queue, also by 15-minute interval counted from {@code from}. */
    static final String INTERVAL_TALLIES = """
            SELECT FLOOR(TIMESTAMPDIFF(SECOND, #{from}, l.joined_at) / 900) AS slot, l.queue_name, l.outcome,
                   COALESCE(l.hold_seconds, 0) AS hold, COUNT(*) AS legs,
                   COALESCE(SUM(l.talk_seconds), 0) AS talk, COUNT(l.talk_seconds) AS talked
              FROM call_legs l
             WHERE l.joined_at >= #{from} AND l.joined_at < #{to} AND l.queue_name = #{queue}
             GROUP BY slot, l.queue_name, l.outcome, hold
            """;

    /**
     * Callbacks requested in [from, to), by queue: requested, reached, given up, still waiting
     * (and the longest such wait at {@code now}), and the average wait to reach the customer.
     */
    static final String CALLBACK_FIGURES = """
            SELECT b.queue_name, COUNT(*) AS requested,
                   SUM(b.connected_at IS NOT NULL) AS connected,
                   SUM(b.status = 'failed') AS failed,
                   SUM(b.status IN ('pending', 'calling')) AS waiting,
                   COALESCE(MAX(CASE WHEN b.status IN ('pending', 'calling')
                                     THEN TIMESTAMPDIFF(SECOND, b.requested_at, #{now}) END), 0) AS longest_wait,
                   AVG(TIMESTAMPDIFF(SECOND, b.requested_at, b.connected_at)) AS average_wait
              FROM callbacks b
             WHERE b.queue_name IS NOT NULL AND b.requested_at >= #{from} AND b.requested_at < #{to}
             GROUP BY b.queue_name
            """;

    static final String ADMIN_TARGETS = """
            SELECT name, target_answer_seconds, target_percent, short_abandon_seconds FROM queues
            """;

    static final String ADMIN_TARGET_FOR_UPDATE = """
            SELECT id, target_answer_seconds, target_percent, short_abandon_seconds FROM queues WHERE name = #{name} FOR UPDATE
            """;

    static final String SAVE_ADMIN_TARGET = """
            INSERT INTO queues (name, target_answer_seconds, target_percent, short_abandon_seconds)
            VALUES (#{name}, #{answer}, #{percent}, #{shortAbandon})
            ON DUPLICATE KEY UPDATE target_answer_seconds = VALUES(target_answer_seconds),
                                    target_percent = VALUES(target_percent),
                                    short_abandon_seconds = VALUES(short_abandon_seconds)
            """;

    private QueuesSql() {
    }
}
