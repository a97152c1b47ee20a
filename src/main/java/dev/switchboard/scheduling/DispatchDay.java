package dev.switchboard.scheduling;

import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dispatcher's day (the day in the call centre's zone): every engineer on the rota, with or
 * without visits, and any engineer off the rota who still has one; for each, the time they work
 * that day (working hours less absences), their visits in order and the time still free; and
 * that free time summed by region. An engineer counts in every region they cover: the figure
 * answers "how much could still be booked there today".
 */
final class DispatchDay {

    private final Pool pool;
    private final ZoneId zone;
    private final Duration travelBuffer;

    DispatchDay(Pool pool, ZoneId zone, Duration travelBuffer) {
        this.pool = pool;
        this.zone = zone;
        this.travelBuffer = travelBuffer;
    }

    Future<JsonObject> of(LocalDate date) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, Object> p = Map.of("from", UtcTimes.column(from), "to", UtcTimes.column(to),
                "weekday", date.getDayOfWeek().getValue());
        Future<RowSet<Row>> engineers = query(SchedulingSql.DAY_ENGINEERS, p);
        Future<RowSet<Row>> hours = query(SchedulingSql.DAY_HOURS, p);
        Future<RowSet<Row>> absences = query(SchedulingSql.DAY_ABSENCES, p);
        Future<RowSet<Row>> covers = query(SchedulingSql.ENGINEER_REGION_CODES, p);
        Future<RowSet<Row>> regions = query(SchedulingSql.REGIONS, p);
        Future<RowSet<Row>> visits = query(SchedulingSql.DAY_VISITS, p);
        return Future.all(List.of(engineers, hours, absences, covers, regions, visits)).map(all -> {
            Map<Long, JsonObject> byId = new LinkedHashMap<>();
            for (Row r : engineers.result()) {
                byId.put(r.getLong("id"), new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
                        .put("active", r.getBoolean("active")).put("regions", new JsonArray())
                        .put("absences", new JsonArray()).put("visits", new JsonArray()));
            }
            covers.result().forEach(r -> with(byId, r, e -> e.getJsonArray("regions").add(r.getString("code"))));
            absences.result().forEach(r -> with(byId, r, e -> e.getJsonArray("absences").add(new JsonObject()
                    .put("startsAt", UtcTimes.text(r.getLocalDateTime("starts_at")))
                    .put("endsAt", UtcTimes.text(r.getLocalDateTime("ends_at"))).put("reason", r.getString("reason")))));
            visits.result().forEach(r -> with(byId, r, e -> e.getJsonArray("visits").add(visit(r))));
            Map<Long, List<LocalTime[]>> hoursById = new HashMap<>();
            hours.result().forEach(r -> hoursById.computeIfAbsent(r.getLong("engineer_id"), k -> new ArrayList<>())
                    .add(new LocalTime[] {r.getLocalTime("starts_at"), r.getLocalTime("ends_at")}));
            byId.forEach((id, engineer) -> addFreeTime(engineer, date, hoursById.getOrDefault(id, List.of())));
            List<JsonObject> list = new ArrayList<>(byId.values());
            return new JsonObject().put("date", date.toString()).put("zone", zone.getId())
                    .put("travelBufferMinutes", travelBuffer.toMinutes())
                    .put("engineers", new JsonArray(new ArrayList<>(list)))
                    .put("regions", byRegion(regions.result(), list));
        });
    }

    private Future<RowSet<Row>> query(String sql, Map<String, Object> parameters) {
        return SqlTemplate.forQuery(pool, sql).execute(parameters);
    }

    /** Runs {@code change} on the engineer the row belongs to, if they are in the day. */
    private static void with(Map<Long, JsonObject> byId, Row r, Consumer<JsonObject> change) {
        JsonObject engineer = byId.get(r.getLong("engineer_id"));
        if (engineer != null) {
            change.accept(engineer);
        }
    }

    /** The engineer's working spans that day, and the minutes they work and have free. */
    private void addFreeTime(JsonObject engineer, LocalDate date, List<LocalTime[]> hours) {
        List<FreeTime.Span> absences = spans(engineer.getJsonArray("absences"));
        List<FreeTime.Span> working = FreeTime.working(date, zone, hours, absences);
        long free = FreeTime.freeMinutes(working, spans(engineer.getJsonArray("visits")), travelBuffer);
        JsonArray spans = new JsonArray();
        working.forEach(s -> spans.add(new JsonObject().put("startsAt", s.start().toString())
                .put("endsAt", s.end().toString())));
        engineer.put("working", spans).put("workingMinutes", FreeTime.minutes(working)).put("freeMinutes", free);
    }

    /** Each region: how many engineers on the rota cover it and the free minutes they have between them. */
    private static JsonArray byRegion(RowSet<Row> regions, List<JsonObject> engineers) {
        JsonArray out = new JsonArray();
        for (Row region : regions) {
            String code = region.getString("code");
            List<JsonObject> covering = engineers.stream().filter(e -> e.getBoolean("active"))
                    .filter(e -> e.getJsonArray("regions").contains(code)).toList();
            out.add(new JsonObject().put("code", code).put("name", region.getString("name"))
                    .put("engineers", covering.size())
                    .put("workingMinutes", covering.stream().mapToLong(e -> e.getLong("workingMinutes")).sum())
                    .put("freeMinutes", covering.stream().mapToLong(e -> e.getLong("freeMinutes")).sum()));
        }
        return out;
    }

    private static List<FreeTime.Span> spans(JsonArray items) {
        List<FreeTime.Span> spans = new ArrayList<>();
        for (Object item : items) {
            JsonObject o = (JsonObject) item;
            spans.add(new FreeTime.Span(Instant.parse(o.getString("startsAt")), Instant.parse(o.getString("endsAt"))));
        }
        return spans;
    }

    private static JsonObject visit(Row r) {
        return new JsonObject().put("id", r.getLong("id"))
                .put("caseId", r.getLong("case_id")).put("engineerId", r.getLong("engineer_id"))
                .put("startsAt", UtcTimes.text(r.getLocalDateTime("starts_at")))
                .put("endsAt", UtcTimes.text(r.getLocalDateTime("ends_at")))
                .put("status", r.getString("status"))
                .put("customerAdvised", r.getLocalDateTime("customer_advised_at") != null)
                .put("category", r.getString("category")).put("description", r.getString("description"))
                .put("caseStatus", r.getString("case_status"))
                .put("accountNumber", r.getString("account_number")).put("accountName", r.getString("account_name"))
                .put("address", r.getString("line1") == null ? null
                        : r.getString("line1") + ", " + r.getString("city") + " " + r.getString("postcode"))
                .put("reportOutcome", r.getString("report_outcome"));
    }
}
