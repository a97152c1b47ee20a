package dev.switchboard.calls;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of call journeys. Upserts are written so that storing the same journey twice, or a
 * replay of its events, lands on the same rows with the same values: first-seen times are kept,
 * outcomes and figures take the latest non-null value, counters never go down.
 */
final class CallsSql {

    /*
     * MariaDB evaluates the assignments of ON DUPLICATE KEY UPDATE from left to right, and a later
     * one sees the values the earlier ones set: so each *_source column is assigned before the
     * column it describes, while that column still holds the stored value. The end is the exception:
     * ended_source follows ended_at, taking the incoming source when the incoming end was kept.
     */

    /**
     * An end AMI reported (a hangup) is final. An end taken from queue_log (its last line about the
     * call) gives way to AMI's and moves later as more of the call is learnt from queue_log.
     */
    static final String UPSERT_JOURNEY = """
            INSERT INTO call_journeys (server, linkedid, caller_number, caller_name, ivr_account_entered,
                                       account_id, started_at, ivr_seconds, ended_at, source, ended_source)
            VALUES (#{server}, #{linkedid}, #{callerNumber}, #{callerName}, #{ivrAccount},
                    (SELECT a.id FROM accounts a WHERE a.account_number = #{ivrAccount}),
                    #{startedAt}, #{ivrSeconds}, #{endedAt}, #{source}, #{endedSource})
            ON DUPLICATE KEY UPDATE
              caller_number       = COALESCE(VALUES(caller_number), caller_number),
              caller_name         = COALESCE(VALUES(caller_name), caller_name),
              ivr_account_entered = COALESCE(VALUES(ivr_account_entered), ivr_account_entered),
              account_id          = COALESCE(VALUES(account_id), account_id),
              started_at          = LEAST(started_at, VALUES(started_at)),
              ivr_seconds         = COALESCE(ivr_seconds, VALUES(ivr_seconds)),
              ended_at            = CASE WHEN ended_at IS NULL OR VALUES(ended_at) IS NULL
                                              THEN COALESCE(ended_at, VALUES(ended_at))
                                         WHEN ended_source = 'queue_log' AND VALUES(ended_source) = 'ami'
                                              THEN VALUES(ended_at)
                                         WHEN ended_source = 'queue_log' THEN GREATEST(ended_at, VALUES(ended_at))
                                         ELSE ended_at END,
              ended_source        = IF(ended_at <=> VALUES(ended_at), VALUES(ended_source), ended_source)
            """;

    /**
     * How exact a join time is, by its source: AMI's to the millisecond, queue_log's to the second,
     * a resynchronisation's an estimate. A more exact join replaces a less exact one; between two
     * of the same kind the earlier stays; a less exact one never moves it.
     */
    private static final String JOIN_RANK = "FIELD(%s, 'resync', 'queue_log', 'ami')";
    private static final String NEW_JOIN_RANK = JOIN_RANK.formatted("VALUES(joined_source)");
    private static final String STORED_JOIN_RANK = JOIN_RANK.formatted("joined_source");

    static final String UPSERT_LEG = """
            INSERT INTO call_legs (journey_id, leg_no, uniqueid, queue_name, joined_at, position, original_position,
                                   outcome, left_at, hold_seconds, ring_seconds, talk_seconds, agent_member_name,
                                   agent_interface, agent_id, ring_no_answers, completed_by, joined_source,
                                   outcome_source)
            SELECT j.id, #{legNo}, #{uniqueid}, #{queue}, #{joinedAt}, #{position}, #{originalPosition},
                   #{outcome}, #{leftAt}, #{holdSeconds}, #{ringSeconds}, #{talkSeconds}, #{agentName},
                   #{agentInterface},
                   (SELECT ai.agent_id FROM agent_interfaces ai WHERE ai.interface = #{agentInterface}),
                   #{ringNoAnswers}, #{completedBy}, #{joinedSource}, #{outcomeSource}
              FROM call_journeys j WHERE j.server = #{server} AND j.linkedid = #{linkedid}
            ON DUPLICATE KEY UPDATE
              uniqueid          = COALESCE(VALUES(uniqueid), uniqueid),
              joined_at         = CASE WHEN NEW_RANK > STORED_RANK THEN VALUES(joined_at)
                                       WHEN NEW_RANK = STORED_RANK THEN LEAST(joined_at, VALUES(joined_at))
                                       ELSE joined_at END,
              joined_source     = IF(NEW_RANK > STORED_RANK, VALUES(joined_source), joined_source),
              position          = COALESCE(VALUES(position), position),
              original_position = COALESCE(original_position, VALUES(original_position)),
              outcome_source    = IF(VALUES(outcome) IS NULL, outcome_source, VALUES(outcome_source)),
              outcome           = COALESCE(VALUES(outcome), outcome),
              left_at           = IF(VALUES(outcome_source) = 'queue_log', COALESCE(VALUES(left_at), left_at),
                                     COALESCE(left_at, VALUES(left_at))),
              hold_seconds      = COALESCE(VALUES(hold_seconds), hold_seconds),
              ring_seconds      = COALESCE(VALUES(ring_seconds), ring_seconds),
              talk_seconds      = COALESCE(VALUES(talk_seconds), talk_seconds),
              agent_member_name = COALESCE(VALUES(agent_member_name), agent_member_name),
              agent_interface   = COALESCE(VALUES(agent_interface), agent_interface),
              agent_id          = COALESCE(VALUES(agent_id), agent_id),
              ring_no_answers   = GREATEST(ring_no_answers, VALUES(ring_no_answers)),
              completed_by      = COALESCE(VALUES(completed_by), completed_by)
            """.replace("NEW_RANK", NEW_JOIN_RANK).replace("STORED_RANK", STORED_JOIN_RANK);

    /** A ring keeps the source that first recorded it. */
    static final String UPSERT_RING = """
            INSERT INTO call_rings (journey_id, leg_no, ring_no, agent_member_name, agent_interface, rung_at,
                                    outcome, ring_ms, source)
            SELECT j.id, #{legNo}, #{ringNo}, #{agentName}, #{agentInterface}, #{rungAt}, #{outcome}, #{ringMillis},
                   #{source}
              FROM call_journeys j WHERE j.server = #{server} AND j.linkedid = #{linkedid}
            ON DUPLICATE KEY UPDATE
              agent_member_name = COALESCE(VALUES(agent_member_name), agent_member_name),
              agent_interface   = COALESCE(VALUES(agent_interface), agent_interface),
              rung_at           = LEAST(rung_at, VALUES(rung_at)),
              outcome           = COALESCE(VALUES(outcome), outcome),
              ring_ms           = COALESCE(VALUES(ring_ms), ring_ms)
            """;

    /** A channel of a call, stored once. */
    static final String UPSERT_CHANNEL = """
            INSERT INTO call_channels (journey_id, uniqueid)
            SELECT j.id, #{uniqueid} FROM call_journeys j WHERE j.server = #{server} AND j.linkedid = #{linkedid}
            ON DUPLICATE KEY UPDATE uniqueid = uniqueid
            """;

    /** The same journeys as {@link #JOURNEYS_BETWEEN} picks. */
    private static final String JOURNEYS_IN_RANGE = """
            SELECT * FROM call_journeys
             WHERE started_at >= #{from} AND started_at < #{to}
             ORDER BY started_at, id LIMIT #{limit}
            """;

    /** A server's calls with no end that started since {@code from} (ix_call_journeys_started). */
    private static final String OPEN_SINCE = """
            SELECT * FROM call_journeys
             WHERE started_at >= #{from} AND ended_at IS NULL AND server = #{server}
             ORDER BY started_at, id LIMIT #{limit}
            """;

    /** Journeys that started in [from, to), oldest first, at most {@code limit}, with their legs. */
    static final String JOURNEYS_BETWEEN = withLegs(JOURNEYS_IN_RANGE);

    /** The rings of the journeys {@link #JOURNEYS_BETWEEN} picks. */
    static final String RINGS_BETWEEN = ringsOf(JOURNEYS_IN_RANGE);

    /** The channels of the journeys {@link #JOURNEYS_BETWEEN} picks. */
    static final String CHANNELS_BETWEEN = channelsOf(JOURNEYS_IN_RANGE);

    /** A server's open journeys that started since {@code from}, oldest first, with their legs. */
    static final String OPEN_JOURNEYS = withLegs(OPEN_SINCE);

    /** The rings of the journeys {@link #OPEN_JOURNEYS} picks. */
    static final String OPEN_RINGS = ringsOf(OPEN_SINCE);

    /** The channels of the journeys {@link #OPEN_JOURNEYS} picks. */
    static final String OPEN_CHANNELS = channelsOf(OPEN_SINCE);

    /** The three reads of one pick of journeys: the journeys with their legs, their rings, their channels. */
    record JourneyReads(String journeys, String rings, String channels) {
    }

    /**
     * A server's journeys one of whose channels is among {@code count} Uniqueids, passed as
     * {@code #{u0}}, {@code #{u1}} …: the call's first channel (its Linkedid), the channel that
     * queued, or another channel of it (ix_call_legs_uniqueid, ix_call_channels_uniqueid).
     */
    static JourneyReads byChannels(int count) {
        String ids = IntStream.range(0, count).mapToObj(i -> "#{u" + i + "}").collect(Collectors.joining(", "));
        String pick = """
                SELECT * FROM call_journeys
                 WHERE server = #{server}
                   AND (linkedid IN (IDS)
                        OR id IN (SELECT journey_id FROM call_legs WHERE uniqueid IN (IDS))
                        OR id IN (SELECT journey_id FROM call_channels WHERE uniqueid IN (IDS)))
                """.replace("IDS", ids);
        return new JourneyReads(withLegs(pick), ringsOf(pick), channelsOf(pick));
    }

    /**
     * The journeys {@code pick} selects with their legs, one row per leg. Legs come in the order
     * the caller joined them: a leg recovered later may carry a higher number than one after it.
     */
    private static String withLegs(String pick) {
        return """
                SELECT j.id, j.server, j.linkedid, j.caller_number, j.caller_name, j.ivr_account_entered,
                       acc.account_number, j.started_at, j.ivr_seconds, j.ended_at, j.source, j.ended_source,
                       l.leg_no, l.uniqueid, l.queue_name, l.joined_at, l.position, l.original_position, l.outcome,
                       l.left_at, l.hold_seconds, l.ring_seconds, l.talk_seconds, l.agent_member_name,
                       l.agent_interface, l.ring_no_answers, l.completed_by, l.joined_source, l.outcome_source
                  FROM (""" + pick + """
                       ) j
                  LEFT JOIN accounts acc ON acc.id = j.account_id
                  LEFT JOIN call_legs l ON l.journey_id = j.id
                 ORDER BY j.started_at, j.id, l.joined_at, l.leg_no
                """;
    }

    /** The rings of the journeys {@code pick} selects. */
    private static String ringsOf(String pick) {
        return """
                SELECT r.journey_id, r.leg_no, r.ring_no, r.agent_member_name, r.agent_interface, r.rung_at,
                       r.outcome, r.ring_ms, r.source
                  FROM (""" + pick + """
                       ) j
                  JOIN call_rings r ON r.journey_id = j.id
                 ORDER BY r.journey_id, r.leg_no, r.ring_no
                """;
    }

    /** The channels of the journeys {@code pick} selects. */
    private static String channelsOf(String pick) {
        return """
                SELECT c.journey_id, c.uniqueid
                  FROM (""" + pick + """
                       ) j
                  JOIN call_channels c ON c.journey_id = j.id
                """;
    }

    /** Callers who hung up while waiting, between two instants, newest first (ix_call_legs_outcome_left). */
    static final String ABANDONED_BETWEEN = """
            SELECT l.left_at, l.queue_name, l.hold_seconds, l.position, j.linkedid, j.caller_number,
                   COALESCE(acc.account_number, j.ivr_account_entered) AS account
              FROM call_legs l
              JOIN call_journeys j ON j.id = l.journey_id
              LEFT JOIN accounts acc ON acc.id = j.account_id
             WHERE l.outcome = 'abandoned' AND l.left_at >= #{from} AND l.left_at < #{to}
             ORDER BY l.left_at DESC, l.id DESC LIMIT #{limit}
            """;

    /** How many {@link #ABANDONED_BETWEEN} would list without its limit. */
    static final String COUNT_ABANDONED_BETWEEN = """
            SELECT COUNT(*) AS n FROM call_legs
             WHERE outcome = 'abandoned' AND left_at >= #{from} AND left_at < #{to}
            """;

    private CallsSql() {
    }
}
