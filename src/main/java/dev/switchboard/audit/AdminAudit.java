package dev.switchboard.audit;

import dev.switchboard.store.UtcTimes;
import dev.switchboard.web.auth.Actor;
import dev.switchboard.web.auth.AdminChange;
import dev.switchboard.web.auth.AdminChangeLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of what admins changed: written on the connection of the change's own transaction,
 * read back newest first a page at a time.
 */
public final class AdminAudit implements AdminChangeLog {

    /** One recorded change, as it was stored. */
    public record Entry(long id, Instant at, AdminChange change) {
    }

    /** Which entries to read: older than {@code before} (an entry id), at most {@code limit}. */
    public record Page(long before, int limit, Optional<String> subjectKind, Optional<String> actor) {
    }

    private final Pool pool;
    private final Clock clock;

    public AdminAudit(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public Future<Void> record(SqlClient transaction, AdminChange change) {
        if (!change.changesSomething()) {
            return Future.succeededFuture();
        }
        Map<String, Object> p = new HashMap<>();
        p.put("at", UtcTimes.column(clock.instant()));
        p.put("actorUserId", change.actor().userId());
        p.put("actorName", change.actor().name());
        p.put("address", change.actor().address());
        p.put("action", change.action());
        p.put("kind", change.subjectKind());
        p.put("subjectId", change.subjectId());
        p.put("subjectName", change.subjectName());
        p.put("before", change.before() == null ? null : change.before().encode());
        p.put("after", change.after() == null ? null : change.after().encode());
        return SqlTemplate.forUpdate(transaction, AuditSql.INSERT).execute(p).mapEmpty();
    }

    public Future<List<Entry>> page(Page page) {
        Map<String, Object> p = new HashMap<>();
        p.put("before", page.before());
        p.put("limit", page.limit());
        p.put("kind", page.subjectKind().orElse(null));
        p.put("actor", page.actor().orElse(null));
        return SqlTemplate.forQuery(pool, AuditSql.PAGE).execute(p).map(rows -> {
            List<Entry> entries = new ArrayList<>();
            rows.forEach(row -> entries.add(entry(row)));
            return entries;
        });
    }

    private static Entry entry(Row row) {
        Actor actor = new Actor(row.getLong("actor_user_id"),
                row.getString("actor_name"), row.getString("source_address"));
        return new Entry(row.getLong("id"), UtcTimes.instant(row.getLocalDateTime("at")), new AdminChange(actor,
                row.getString("action"), row.getString("subject_kind"), row.getLong("subject_id"),
                row.getString("subject_name"), json(row.getString("before_json")), json(row.getString("after_json"))));
    }

    private static JsonObject json(String text) {
        return text == null ? null : new JsonObject(text);
    }
}
