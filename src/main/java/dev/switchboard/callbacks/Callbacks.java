package dev.switchboard.callbacks;

import dev.switchboard.store.Transactions;
import dev.switchboard.web.ConflictException;
import dev.switchboard.cases.CaseStatus;
import dev.switchboard.cases.CaseStore;
import dev.switchboard.store.UtcTimes;
import dev.switchboard.web.NotFoundException;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Callback tasks. When the agent cannot answer, the case is escalated to a specialist or a
 * supervisor and a callback is due by a given time, on the assignee's list and on the
 * supervisors' list of everything open.
 */
public final class Callbacks {

    private final Pool pool;
    private final CaseStore cases;
    private final Clock clock;

    public Callbacks(Pool pool, CaseStore cases, Clock clock) {
        this.pool = pool;
        this.cases = cases;
        this.clock = clock;
    }

    /** Escalates version {@code version} of the case and creates its callback; the callback. */
    public Future<JsonObject> escalate(long caseId, int version, Escalation escalation, AuthenticatedUser user) {
        if (!escalation.dueAt().isAfter(clock.instant())) {
            return Future.failedFuture(new ValidationException(Map.of("callbackDueAt", "must be in the future")));
        }
        return Transactions.<Long>within(pool, client -> contact(client, caseId).compose(contact ->
                assignee(client, escalation.assignee()).compose(assignee ->
                        cases.moveWithin(client, caseId, version, CaseStatus.ESCALATED,
                                "escalated to " + escalation.to() + ": " + escalation.reason(), null, user)
                                .compose(v -> {
                                    Map<String, Object> p = new HashMap<>();
                                    p.put("phone", contact.getString("phone"));
                                    p.put("account", contact.getLong("account_id"));
                                    p.put("case", caseId);
                                    p.put("now", UtcTimes.column(clock.instant()));
                                    p.put("due", UtcTimes.column(escalation.dueAt()));
                                    p.put("assignee", assignee);
                                    p.put("note", escalation.to() + ": " + escalation.reason());
                                    return SqlTemplate.forQuery(client, CallbacksSql.INSERT).execute(p);
                                })
                                .map(rows -> rows.iterator().next().getLong("id")))))
                .onSuccess(callback -> cases.announce(caseId))
                .compose(this::one);
    }

    /** The user's open callbacks, or with {@code everyone} all open ones; due first. */
    public Future<JsonArray> open(AuthenticatedUser user, boolean everyone) {
        return (everyone ? SqlTemplate.forQuery(pool, CallbacksSql.ALL_OPEN).execute(Map.of())
                : SqlTemplate.forQuery(pool, CallbacksSql.MINE).execute(Map.of("user", user.id())))
                .map(Callbacks::list);
    }

    /** Marks a callback done with its outcome, noted on its case. */
    public Future<JsonObject> done(long id, String outcome, AuthenticatedUser user) {
        return Transactions.<Optional<Long>>within(pool, client -> SqlTemplate.forQuery(client, CallbacksSql.LOCK).execute(Map.of("id", id))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("There is no callback " + id + ".");
                    }
                    Row r = rows.iterator().next();
                    if (!"pending".equals(r.getString("status")) && !"calling".equals(r.getString("status"))) {
                        throw new ConflictException("callback_closed", "Callback " + id + " is "
                                + r.getString("status") + ".", new JsonObject().put("status", r.getString("status")));
                    }
                    Map<String, Object> p = new HashMap<>();
                    p.put("id", id);
                    p.put("outcome", outcome);
                    p.put("now", UtcTimes.column(clock.instant()));
                    Future<Void> done = SqlTemplate.forUpdate(client, CallbacksSql.DONE).execute(p).mapEmpty();
                    Long caseId = r.getValue("case_id") == null ? null : r.getLong("case_id");
                    return caseId == null ? done.map(v -> Optional.<Long>empty()) : done.compose(v -> cases.noteWithin(client,
                            caseId, user, "callback-done", "callback " + id + ": " + outcome)).map(Optional.of(caseId));
                })).onSuccess(caseId -> caseId.ifPresent(cases::announce)).compose(v -> one(id));
    }

    private Future<JsonObject> one(long id) {
        return SqlTemplate.forQuery(pool, CallbacksSql.ONE).execute(Map.of("id", id)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException("There is no callback " + id + ".");
            }
            return json(rows.iterator().next());
        });
    }

    private Future<Row> contact(SqlClient client, long caseId) {
        return SqlTemplate.forQuery(client, CallbacksSql.CASE_CONTACT).execute(Map.of("case", caseId)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException("There is no case " + caseId + ".");
            }
            Row r = rows.iterator().next();
            if (r.getValue("phone") == null) {
                throw new ValidationException(Map.of("case", "its account has no phone number to call back"));
            }
            return r;
        });
    }

    private Future<Long> assignee(SqlClient client, String username) {
        if (username == null) {
            return Future.succeededFuture(null);
        }
        return SqlTemplate.forQuery(client, CallbacksSql.USER_BY_NAME).execute(Map.of("username", username))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ValidationException(Map.of("assignee", "no active user has this name"));
                    }
                    return rows.iterator().next().getLong("id");
                });
    }

    private static JsonArray list(RowSet<Row> rows) {
        JsonArray out = new JsonArray();
        rows.forEach(r -> out.add(json(r)));
        return out;
    }

    private static JsonObject json(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("phone", r.getString("phone_e164"))
                .put("caseId", r.getValue("case_id") == null ? null : r.getLong("case_id"))
                .put("source", r.getString("source")).put("status", r.getString("status"))
                .put("requestedAt", UtcTimes.text(r.getLocalDateTime("requested_at"))).put("dueAt", UtcTimes.text(r.getLocalDateTime("due_at")))
                .put("assignee", r.getString("assignee")).put("note", r.getString("note"))
                .put("outcome", r.getString("outcome"));
    }

}
