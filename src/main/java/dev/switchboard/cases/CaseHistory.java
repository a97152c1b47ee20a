package dev.switchboard.cases;

import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything that happened to a case, for its timeline: the calls that touched it, its audit
 * trail, its visits (with the customer told and the engineer's report), its surveys, its
 * callbacks and the articles linked to it. Each part is one query on the case's own rows; the
 * parts run side by side.
 */
final class CaseHistory {

    private final Pool pool;

    CaseHistory(Pool pool) {
        this.pool = pool;
    }

    /** The parts, each a list oldest first, put into {@code timeline}. */
    Future<JsonObject> into(JsonObject timeline, long id) {
        Map<String, Object> p = Map.of("id", id, "case", id);
        Future<JsonArray> calls = list(CasesSql.TIMELINE_CALLS, p, CaseHistory::call);
        Future<JsonArray> events = list(CasesSql.EVENTS, p, CaseHistory::event);
        Future<JsonArray> visits = list(CasesSql.TIMELINE_VISITS, p, r -> visit(r, id));
        Future<JsonArray> surveys = list(SurveysSql.OF_CASE, p, CaseHistory::survey);
        Future<JsonArray> callbacks = list(CasesSql.TIMELINE_CALLBACKS, p, CaseHistory::callback);
        Future<JsonArray> articles = list(CasesSql.TIMELINE_ARTICLES, p, CaseHistory::article);
        return Future.all(List.of(calls, events, visits, surveys, callbacks, articles)).map(all -> timeline
                .put("calls", calls.result()).put("events", events.result()).put("visits", visits.result())
                .put("surveys", surveys.result()).put("callbacks", callbacks.result())
                .put("articles", articles.result()));
    }

    private Future<JsonArray> list(String sql, Map<String, Object> parameters, Function<Row, JsonObject> json) {
        return SqlTemplate.forQuery(pool, sql).execute(parameters).map((RowSet<Row> rows) -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(json.apply(r)));
            return out;
        });
    }

    private static JsonObject call(Row r) {
        return new JsonObject().put("linkedid", r.getString("linkedid")).put("callerNumber", r.getString("caller_number"))
                .put("startedAt", time(r, "started_at")).put("endedAt", time(r, "ended_at"))
                .put("queue", r.getString("queue_name")).put("outcome", r.getString("outcome"))
                .put("agent", r.getString("agent_member_name")).put("talkSeconds", r.getInteger("talk_seconds"));
    }

    static JsonObject event(Row r) {
        return new JsonObject().put("at", time(r, "at")).put("actor", r.getString("actor")).put("kind", r.getString("kind"))
                .put("from", r.getString("from_status")).put("to", r.getString("to_status"))
                .put("reason", r.getString("reason"));
    }

    /** The same fields as {@code GET /api/visits/{id}}, and the report's when there is one. */
    private static JsonObject visit(Row r, long caseId) {
        JsonObject visit = new JsonObject().put("id", r.getLong("id")).put("caseId", caseId)
                .put("engineerId", r.getLong("engineer_id")).put("engineer", r.getString("engineer"))
                .put("startsAt", time(r, "starts_at")).put("endsAt", time(r, "ends_at"))
                .put("status", r.getString("status")).put("bookedAt", time(r, "created_at"))
                .put("customerAdvisedAt", time(r, "customer_advised_at"))
                .put("customerAdvisedVia", r.getString("customer_advised_via"));
        return r.getString("outcome") == null ? visit.putNull("report") : visit.put("report", new JsonObject()
                .put("outcome", r.getString("outcome")).put("workDone", r.getString("work_done"))
                .put("reportedAt", time(r, "reported_at")));
    }

    private static JsonObject survey(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("sentAt", time(r, "sent_at"))
                .put("score", r.getInteger("score")).put("nps", r.getInteger("nps"))
                .put("comment", r.getString("comment")).put("answeredAt", time(r, "answered_at"));
    }

    private static JsonObject callback(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("source", r.getString("source"))
                .put("status", r.getString("status")).put("requestedAt", time(r, "requested_at"))
                .put("dueAt", time(r, "due_at")).put("note", r.getString("note")).put("outcome", r.getString("outcome"))
                .put("assignee", r.getString("assignee"));
    }

    private static JsonObject article(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title"))
                .put("solvedIt", r.getBoolean("solved_it")).put("linkedAt", time(r, "linked_at"));
    }

    private static String time(Row r, String column) {
        return UtcTimes.text(r.getLocalDateTime(column));
    }
}
