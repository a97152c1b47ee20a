package dev.switchboard.calls;

import dev.switchboard.store.Transactions;
import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Stores and reads call journeys. Times are UTC in the database. */
public final class JourneyStore {

    private final Pool pool;

    public JourneyStore(Pool pool) {
        this.pool = pool;
    }

    /** Upserts the journeys and their legs in one transaction. */
    public Future<Void> save(List<JourneyRecord> journeys) {
        if (journeys.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Map<String, Object>> journeyRows = new ArrayList<>();
        List<Map<String, Object>> legRows = new ArrayList<>();
        List<Map<String, Object>> ringRows = new ArrayList<>();
        List<Map<String, Object>> channelRows = new ArrayList<>();
        for (JourneyRecord journey : journeys) {
            journeyRows.add(journeyParameters(journey));
            journey.channels().forEach(uniqueid -> channelRows.add(channelParameters(journey, uniqueid)));
            for (LegRecord leg : journey.legs()) {
                legRows.add(legParameters(journey, leg));
                leg.rings().forEach(ring -> ringRows.add(ringParameters(journey, leg, ring)));
            }
        }
        return Transactions.within(pool, client -> batch(client, CallsSql.UPSERT_JOURNEY, journeyRows)
                .compose(v -> batch(client, CallsSql.UPSERT_LEG, legRows))
                .compose(v -> batch(client, CallsSql.UPSERT_RING, ringRows))
                .compose(v -> batch(client, CallsSql.UPSERT_CHANNEL, channelRows)));
    }

    private static Future<Void> batch(SqlClient client, String sql, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return Future.succeededFuture();
        }
        return SqlTemplate.forUpdate(client, sql).executeBatch(rows).mapEmpty();
    }

    /** Journeys that started in [from, to), oldest first, at most {@code limit}. */
    public Future<List<JourneyRecord>> between(Instant from, Instant to, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", UtcTimes.column(from));
        parameters.put("to", UtcTimes.column(to));
        parameters.put("limit", limit);
        return read(CallsSql.JOURNEYS_BETWEEN, CallsSql.RINGS_BETWEEN, CallsSql.CHANNELS_BETWEEN, parameters);
    }

    /**
     * The calls of {@code server} stored with no end that started at or after {@code since},
     * oldest first, at most {@code limit}: those a restart may have interrupted.
     */
    public Future<List<JourneyRecord>> open(String server, Instant since, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("server", server);
        parameters.put("from", UtcTimes.column(since));
        parameters.put("limit", limit);
        return read(CallsSql.OPEN_JOURNEYS, CallsSql.OPEN_RINGS, CallsSql.OPEN_CHANNELS, parameters);
    }

    /** How many Uniqueids one {@link #byChannels} query asks about. */
    private static final int CHANNELS_PER_QUERY = 100;

    /**
     * The stored calls of {@code server} one of whose channels is among {@code uniqueids} (see
     * {@link CallsSql#byChannels}), whether ended or not: how a queue_log call is found again.
     */
    public Future<List<JourneyRecord>> byChannels(String server, Collection<String> uniqueids) {
        List<String> all = List.copyOf(new LinkedHashSet<>(uniqueids));
        List<JourneyRecord> found = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < all.size(); from += CHANNELS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHANNELS_PER_QUERY));
            chain = chain.compose(v -> {
                Map<String, Object> parameters = new HashMap<>();
                parameters.put("server", server);
                for (int i = 0; i < chunk.size(); i++) {
                    parameters.put("u" + i, chunk.get(i));
                }
                CallsSql.JourneyReads reads = CallsSql.byChannels(chunk.size());
                return read(reads.journeys(), reads.rings(), reads.channels(), parameters).map(found::addAll)
                        .mapEmpty();
            });
        }
        return chain.map(v -> found);
    }

    private Future<List<JourneyRecord>> read(String journeysSql, String ringsSql, String channelsSql,
                                            Map<String, Object> parameters) {
        Map<String, List<RingRecord>> rings = new HashMap<>();
        Map<Long, Set<String>> channels = new HashMap<>();
        return SqlTemplate.forQuery(pool, ringsSql).execute(parameters).compose(ringRows -> {
            for (Row row : ringRows) {
                rings.computeIfAbsent(row.getLong("journey_id") + "/" + row.getInteger("leg_no"),
                        k -> new ArrayList<>()).add(ring(row));
            }
            return SqlTemplate.forQuery(pool, channelsSql).execute(parameters);
        }).compose(channelRows -> {
            for (Row row : channelRows) {
                channels.computeIfAbsent(row.getLong("journey_id"), k -> new HashSet<>())
                        .add(row.getString("uniqueid"));
            }
            return SqlTemplate.forQuery(pool, journeysSql).execute(parameters)
                    .map(rows -> journeys(rows, rings, channels));
        });
    }

    /** The callers who hung up while waiting in [from, to), newest first, at most {@code limit}, and how many in all. */
    public Future<AbandonedCalls> abandonedBetween(Instant from, Instant to, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", UtcTimes.column(from));
        parameters.put("to", UtcTimes.column(to));
        parameters.put("limit", limit);
        return SqlTemplate.forQuery(pool, CallsSql.COUNT_ABANDONED_BETWEEN).execute(parameters).compose(count ->
                SqlTemplate.forQuery(pool, CallsSql.ABANDONED_BETWEEN).execute(parameters).map(rows -> {
                    List<AbandonedCalls.Call> calls = new ArrayList<>();
                    for (Row row : rows) {
                        calls.add(new AbandonedCalls.Call(instant(row, "left_at"), row.getString("queue_name"),
                                row.getString("caller_number"), row.getString("account"), longOrNull(row, "hold_seconds"),
                                row.getInteger("position"), row.getString("linkedid")));
                    }
                    return new AbandonedCalls(calls, count.iterator().next().getLong("n"));
                }));
    }

    private static List<JourneyRecord> journeys(Iterable<Row> rows, Map<String, List<RingRecord>> rings,
                                                Map<Long, Set<String>> channels) {
        Map<Long, JourneyRecord> journeys = new LinkedHashMap<>();
        Map<Long, List<LegRecord>> legs = new HashMap<>();
        for (Row row : rows) {
            long id = row.getLong("id");
            journeys.computeIfAbsent(id, k -> journey(row));
            if (row.getValue("leg_no") != null) {
                legs.computeIfAbsent(id, k -> new ArrayList<>()).add(leg(row)
                        .withRings(rings.getOrDefault(id + "/" + row.getInteger("leg_no"), List.of())));
            }
        }
        return journeys.entrySet().stream()
                .map(e -> e.getValue().withLegs(legs.getOrDefault(e.getKey(), List.of()))
                        .withChannels(channels.getOrDefault(e.getKey(), Set.of())))
                .toList();
    }

    private static RingRecord ring(Row row) {
        return new RingRecord(row.getInteger("ring_no"), row.getString("agent_member_name"),
                row.getString("agent_interface"), instant(row, "rung_at"), row.getString("outcome"),
                longOrNull(row, "ring_ms"), FactSource.fromCode(row.getString("source")));
    }

    private static JourneyRecord journey(Row row) {
        String account = row.getString("account_number") != null ? row.getString("account_number")
                : row.getString("ivr_account_entered");
        return new JourneyRecord(row.getString("server"), row.getString("linkedid"), row.getString("caller_number"),
                row.getString("caller_name"), account, instant(row, "started_at"), longOrNull(row, "ivr_seconds"),
                instant(row, "ended_at"), List.of(), FactSource.fromCode(row.getString("source")),
                sourceOf(row, "ended_at", "ended_source"));
    }

    private static LegRecord leg(Row row) {
        return new LegRecord(row.getInteger("leg_no"), row.getString("uniqueid"), row.getString("queue_name"),
                instant(row, "joined_at"), row.getInteger("position"), row.getInteger("original_position"),
                LegOutcome.fromCode(row.getString("outcome")), instant(row, "left_at"),
                longOrNull(row, "hold_seconds"), longOrNull(row, "ring_seconds"), longOrNull(row, "talk_seconds"),
                row.getString("agent_member_name"), row.getString("agent_interface"),
                row.getInteger("ring_no_answers"), row.getString("completed_by"), List.of(),
                FactSource.fromCode(row.getString("joined_source")), sourceOf(row, "outcome", "outcome_source"));
    }

    /** Where the fact in {@code column} came from: none without the fact, AMI for rows older than sources. */
    private static FactSource sourceOf(Row row, String column, String sourceColumn) {
        return row.getValue(column) == null ? null : FactSource.fromCode(row.getString(sourceColumn));
    }

    /** The values call_legs.completed_by takes; Asterisk's other reasons are not kept. */
    private static final Set<String> COMPLETED_BY = Set.of("caller", "agent", "transfer");

    private static Map<String, Object> journeyParameters(JourneyRecord j) {
        Map<String, Object> p = new HashMap<>();
        p.put("server", j.server());
        p.put("linkedid", j.linkedid());
        p.put("callerNumber", fit(j.callerNumber(), 40));
        p.put("callerName", fit(j.callerName(), 80));
        p.put("ivrAccount", j.ivrAccount());
        p.put("startedAt", UtcTimes.column(j.startedAt()));
        p.put("ivrSeconds", j.ivrSeconds());
        p.put("endedAt", UtcTimes.column(j.endedAt()));
        p.put("source", j.source().code());
        p.put("endedSource", j.endedSource() == null ? null : j.endedSource().code());
        return p;
    }

    private static Map<String, Object> legParameters(JourneyRecord j, LegRecord leg) {
        Map<String, Object> p = new HashMap<>();
        p.put("server", j.server());
        p.put("linkedid", j.linkedid());
        p.put("legNo", leg.legNo());
        p.put("uniqueid", leg.uniqueid());
        p.put("queue", leg.queue());
        p.put("joinedAt", UtcTimes.column(leg.joinedAt()));
        p.put("position", leg.position());
        p.put("originalPosition", leg.originalPosition());
        p.put("outcome", leg.outcome() == null ? null : leg.outcome().code());
        p.put("leftAt", UtcTimes.column(leg.leftAt()));
        p.put("holdSeconds", leg.holdSeconds());
        p.put("ringSeconds", leg.ringSeconds());
        p.put("talkSeconds", leg.talkSeconds());
        p.put("agentName", fit(leg.agentName(), 80));
        p.put("agentInterface", fit(leg.agentInterface(), 128));
        p.put("ringNoAnswers", leg.ringNoAnswers());
        p.put("completedBy", leg.completedBy() != null && COMPLETED_BY.contains(leg.completedBy())
                ? leg.completedBy() : null);
        p.put("joinedSource", leg.joinedSource().code());
        p.put("outcomeSource", leg.outcomeSource() == null ? null : leg.outcomeSource().code());
        return p;
    }

    private static Map<String, Object> channelParameters(JourneyRecord j, String uniqueid) {
        Map<String, Object> p = new HashMap<>();
        p.put("server", j.server());
        p.put("linkedid", j.linkedid());
        p.put("uniqueid", uniqueid);
        return p;
    }

    private static Map<String, Object> ringParameters(JourneyRecord j, LegRecord leg, RingRecord ring) {
        Map<String, Object> p = new HashMap<>();
        p.put("server", j.server());
        p.put("linkedid", j.linkedid());
        p.put("legNo", leg.legNo());
        p.put("ringNo", ring.ringNo());
        p.put("agentName", fit(ring.agentName(), 80));
        p.put("agentInterface", fit(ring.agentInterface(), 128));
        p.put("rungAt", UtcTimes.column(ring.rungAt()));
        p.put("outcome", ring.outcome());
        p.put("ringMillis", ring.ringMillis());
        p.put("source", ring.source().code());
        return p;
    }

    /**
     * Names and numbers as Asterisk sent them, cut to what their column holds: a caller name of
     * 64 KiB must not stop every other call from being stored.
     */
    private static String fit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static Instant instant(Row row, String column) {
        return UtcTimes.instant(row.getLocalDateTime(column));
    }

    private static Long longOrNull(Row row, String column) {
        return row.getValue(column) == null ? null : row.getLong(column);
    }
}
