package dev.switchboard.queues;

import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads leg tallies from the stored call journeys, so figures survive a restart. */
public final class QueueFiguresStore {

    private final Pool pool;

    public QueueFiguresStore(Pool pool) {
        this.pool = pool;
    }

    /** Tallies of the legs that joined in [from, to), by queue. */
    public Future<Map<String, List<LegTally>>> tallies(Instant from, Instant to) {
        return SqlTemplate.forQuery(pool, QueuesSql.TALLIES).execute(range(from, to)).map(rows -> {
            Map<String, List<LegTally>> byQueue = new TreeMap<>();
            for (Row row : rows) {
                LegTally tally = tally(row);
                byQueue.computeIfAbsent(tally.queue(), k -> new ArrayList<>()).add(tally);
            }
            return byQueue;
        });
    }

    /** One queue's tallies in [from, to), by 15-minute interval (0 = the one starting at from). */
    public Future<Map<Integer, List<LegTally>>> intervalTallies(String queue, Instant from, Instant to) {
        Map<String, Object> parameters = range(from, to);
        parameters.put("queue", queue);
        return SqlTemplate.forQuery(pool, QueuesSql.INTERVAL_TALLIES).execute(parameters).map(rows -> {
            Map<Integer, List<LegTally>> bySlot = new TreeMap<>();
            for (Row row : rows) {
                bySlot.computeIfAbsent(row.getLong("slot").intValue(), k -> new ArrayList<>()).add(tally(row));
            }
            return bySlot;
        });
    }

    /** Callbacks requested in [from, to), by queue; waits measured to {@code now}. */
    public Future<Map<String, CallbackFigures>> callbacks(Instant from, Instant to, Instant now) {
        Map<String, Object> parameters = range(from, to);
        parameters.put("now", UtcTimes.column(now));
        return SqlTemplate.forQuery(pool, QueuesSql.CALLBACK_FIGURES).execute(parameters).map(rows -> {
            Map<String, CallbackFigures> byQueue = new TreeMap<>();
            for (Row row : rows) {
                Object average = row.getValue("average_wait");
                byQueue.put(row.getString("queue_name"), new CallbackFigures(row.getLong("requested"),
                        row.getLong("connected"), row.getLong("failed"), row.getLong("waiting"),
                        row.getLong("longest_wait"), average == null ? null : ((Number) average).doubleValue()));
            }
            return byQueue;
        });
    }

    private static Map<String, Object> range(Instant from, Instant to) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", UtcTimes.column(from));
        parameters.put("to", UtcTimes.column(to));
        return parameters;
    }

    private static LegTally tally(Row row) {
        return new LegTally(row.getString("queue_name"), row.getString("outcome"), row.getLong("hold"),
                row.getLong("legs"), row.getLong("talk"), row.getLong("talked"));
    }
}
