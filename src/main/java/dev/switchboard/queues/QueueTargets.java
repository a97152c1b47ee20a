package dev.switchboard.queues;

import dev.switchboard.config.AnswerTargetConfig;
import dev.switchboard.store.Transactions;
import dev.switchboard.web.auth.Actor;
import dev.switchboard.web.auth.AdminChange;
import dev.switchboard.web.auth.AdminChangeLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answer targets the admin sets per queue: kept in the {@code queues} table, loaded at start and
 * applied at once (to callers who join from then on, and to the figures). Each save is written to
 * the admin audit in its own transaction.
 */
public final class QueueTargets {

    private final Vertx vertx;
    private final Pool pool;
    private final AnswerTargets targets;
    private final AdminChangeLog changes;

    public QueueTargets(Vertx vertx, Pool pool, AnswerTargets targets, AdminChangeLog changes) {
        this.vertx = vertx;
        this.pool = pool;
        this.targets = targets;
        this.changes = changes;
    }

    public Future<Void> load() {
        return SqlTemplate.forQuery(pool, QueuesSql.ADMIN_TARGETS).execute(Map.of()).map(rows -> {
            rows.forEach(r -> targets.adminSet(r.getString("name"), stored(r)));
            return null;
        });
    }

    public Future<JsonObject> save(Actor actor, String queue, AnswerTargetConfig target) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", queue);
        p.put("answer", target.answerSeconds());
        p.put("percent", target.percent());
        p.put("shortAbandon", target.shortAbandonSeconds());
        return Transactions.within(pool, client -> SqlTemplate.forQuery(client, QueuesSql.ADMIN_TARGET_FOR_UPDATE)
                .execute(Map.of("name", queue)).compose(rows -> {
                    JsonObject before = rows.size() == 0 ? audited(new AnswerTargetConfig(null, null, null))
                            : audited(stored(rows.iterator().next()));
                    return SqlTemplate.forUpdate(client, QueuesSql.SAVE_ADMIN_TARGET).execute(p)
                            .compose(v -> SqlTemplate.forQuery(client, QueuesSql.ADMIN_TARGET_FOR_UPDATE)
                                    .execute(Map.of("name", queue)))
                            .compose(saved -> changes.record(client, AdminChange.between(actor, "queue.target",
                                    "queue", saved.iterator().next().getLong("id"), queue, before, audited(target))));
                })).map(v -> {
                    targets.adminSet(queue, target);
                    return json(queue);
                });
    }

    /** The target the admin set, as the audit compares it (null: not set, inherited). */
    private static JsonObject audited(AnswerTargetConfig target) {
        return new JsonObject().put("targetSeconds", target.answerSeconds()).put("targetPercent", target.percent())
                .put("shortAbandonSeconds", target.shortAbandonSeconds());
    }

    /** Every queue Asterisk reports or a target names: the target in force, where it comes from, what the admin set. */
    public Future<JsonArray> list() {
        return vertx.eventBus().<JsonArray>request(QueuesAddresses.LIVE, null).map(live -> {
            Set<String> names = new TreeSet<>(targets.queuesWithTargets());
            live.body().forEach(q -> names.add(((JsonObject) q).getString("name")));
            JsonArray out = new JsonArray();
            names.forEach(name -> out.add(json(name)));
            return out;
        });
    }

    private JsonObject json(String queue) {
        AnswerTargetConfig admin = targets.adminSet(queue);
        return new JsonObject().put("name", queue).mergeIn(QueueJson.target(targets.of(queue)))
                .put("adminSet", new JsonObject().put("targetSeconds", admin.answerSeconds())
                        .put("targetPercent", admin.percent()).put("shortAbandonSeconds", admin.shortAbandonSeconds()));
    }

    private static AnswerTargetConfig stored(Row r) {
        BigDecimal percent = r.getBigDecimal("target_percent");
        return new AnswerTargetConfig(r.getInteger("target_answer_seconds"), percent == null ? null : percent.doubleValue(),
                r.getInteger("short_abandon_seconds"));
    }
}
