package dev.switchboard.scheduling;

import dev.switchboard.store.Constraints;
import dev.switchboard.store.Transactions;
import dev.switchboard.web.NotFoundException;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.Actor;
import dev.switchboard.web.auth.AdminChange;
import dev.switchboard.web.auth.AdminChangeLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Engineers as the admin manages them: added with their home region, the regions they cover,
 * their skills and weekly hours (all in one transaction), and taken off or back on the rota; each
 * change with its entry in the admin audit, in the same transaction.
 */
public final class Engineers {

    /** A new engineer; regions and skills by code, as the regions and skills tables name them. */
    public record NewEngineer(String name, String phone, String homeRegion, List<String> regions, List<String> skills,
                              List<SlotFinder.WorkingHours> hours) {
    }

    private final Pool pool;
    private final AdminChangeLog changes;

    public Engineers(Pool pool, AdminChangeLog changes) {
        this.pool = pool;
        this.changes = changes;
    }

    /** The engineers, and the regions and skills there are to choose from. */
    public Future<JsonObject> list() {
        return SqlTemplate.forQuery(pool, SchedulingSql.ENGINEERS_ADMIN).execute(Map.of()).compose(engineers ->
                vocabulary(pool, SchedulingSql.REGIONS).compose(regions -> vocabulary(pool, SchedulingSql.SKILLS)
                        .map(skills -> {
                            JsonArray list = new JsonArray();
                            engineers.forEach(r -> list.add(json(r)));
                            return new JsonObject().put("engineers", list).put("regions", codes(regions))
                                    .put("skills", codes(skills));
                        })));
    }

    public Future<JsonObject> add(Actor actor, NewEngineer engineer) {
        return Transactions.within(pool, client -> vocabulary(client, SchedulingSql.REGIONS)
                .compose(regions -> vocabulary(client, SchedulingSql.SKILLS).compose(skills -> {
                    Map<String, Long> regionIds = ids(regions);
                    Map<String, Long> skillIds = ids(skills);
                    Map<String, String> problems = new HashMap<>();
                    if (!regionIds.containsKey(engineer.homeRegion())) {
                        problems.put("homeRegion", "is not a region: " + String.join(", ", regionIds.keySet()));
                    }
                    engineer.regions().stream().filter(r -> !regionIds.containsKey(r)).findFirst()
                            .ifPresent(r -> problems.put("regions", r + " is not a region"));
                    engineer.skills().stream().filter(s -> !skillIds.containsKey(s)).findFirst()
                            .ifPresent(s -> problems.put("skills", s + " is not a skill"));
                    if (!problems.isEmpty()) {
                        throw new ValidationException(problems);
                    }
                    Map<String, Object> p = new HashMap<>();
                    p.put("name", engineer.name());
                    p.put("phone", engineer.phone());
                    p.put("region", regionIds.get(engineer.homeRegion()));
                    return SqlTemplate.forQuery(client, SchedulingSql.INSERT_ENGINEER).execute(p)
                            .map(rows -> rows.iterator().next().getLong("id"))
                            .compose(id -> details(client, id, engineer, regionIds, skillIds)
                                    .compose(v -> changes.record(client, new AdminChange(actor, "engineer.create",
                                            "engineer", id, engineer.name(), null, audited(engineer))))
                                    .map(id));
                })).recover(e -> Future.failedFuture(Constraints.violated(e) ? new ValidationException(Map.of("hours",
                        "two periods of one day start at the same time")) : e))).compose(id -> list().map(all -> all.getJsonArray("engineers").stream().map(JsonObject.class::cast)
                .filter(e -> e.getLong("id").equals(id)).findFirst().orElseThrow()));
    }

    private Future<Void> details(SqlClient client, long id, NewEngineer engineer, Map<String, Long> regionIds,
                                 Map<String, Long> skillIds) {
        Future<Void> chain = Future.succeededFuture();
        for (String region : engineer.regions().contains(engineer.homeRegion()) ? engineer.regions()
                : concat(engineer.homeRegion(), engineer.regions())) {
            chain = chain.compose(v -> SqlTemplate.forUpdate(client, SchedulingSql.INSERT_ENGINEER_REGION)
                    .execute(Map.of("engineer", id, "region", regionIds.get(region))).mapEmpty());
        }
        for (String skill : engineer.skills()) {
            chain = chain.compose(v -> SqlTemplate.forUpdate(client, SchedulingSql.INSERT_ENGINEER_SKILL)
                    .execute(Map.of("engineer", id, "skill", skillIds.get(skill))).mapEmpty());
        }
        for (SlotFinder.WorkingHours h : engineer.hours()) {
            chain = chain.compose(v -> SqlTemplate.forUpdate(client, SchedulingSql.INSERT_WORKING_HOURS)
                    .execute(Map.of("engineer", id, "weekday", h.weekday(), "start", h.start(), "end", h.end()))
                    .mapEmpty());
        }
        return chain;
    }

    public Future<Void> setActive(Actor actor, long id, boolean active) {
        return Transactions.within(pool, client -> SqlTemplate.forQuery(client, SchedulingSql.ENGINEER_FOR_UPDATE)
                .execute(Map.of("id", id)).compose(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("There is no engineer " + id + ".");
                    }
                    Row engineer = rows.iterator().next();
                    return SqlTemplate.forUpdate(client, SchedulingSql.SET_ENGINEER_ACTIVE)
                            .execute(Map.of("id", id, "active", active))
                            .compose(v -> changes.record(client, AdminChange.between(actor, "engineer.active",
                                    "engineer", id, engineer.getString("name"),
                                    new JsonObject().put("active", engineer.getBoolean("active")),
                                    new JsonObject().put("active", active))));
                }));
    }

    /** A new engineer as the audit records them. */
    private static JsonObject audited(NewEngineer engineer) {
        JsonArray hours = new JsonArray();
        engineer.hours().forEach(h -> hours.add(new JsonObject().put("weekday", h.weekday())
                .put("start", h.start().toString()).put("end", h.end().toString())));
        return new JsonObject().put("name", engineer.name()).put("phone", engineer.phone())
                .put("homeRegion", engineer.homeRegion()).put("regions", new JsonArray(engineer.regions()))
                .put("skills", new JsonArray(engineer.skills())).put("hours", hours).put("active", true);
    }

    private static List<String> concat(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).distinct().toList();
    }

    private static Future<RowSet<Row>> vocabulary(SqlClient client, String sql) {
        return SqlTemplate.forQuery(client, sql).execute(Map.of());
    }

    private static Map<String, Long> ids(RowSet<Row> rows) {
        Map<String, Long> ids = new TreeMap<>();
        rows.forEach(r -> ids.put(r.getString("code"), r.getLong("id")));
        return ids;
    }

    private static JsonArray codes(RowSet<Row> rows) {
        JsonArray out = new JsonArray();
        rows.forEach(r -> out.add(new JsonObject().put("code", r.getString("code")).put("name", r.getString("name"))));
        return out;
    }

    private static JsonObject json(Row r) {
        JsonArray hours = new JsonArray();
        String text = r.getString("hours");
        if (text != null) {
            for (String entry : text.split(",")) {
                String[] parts = entry.split(" ");
                hours.add(new JsonObject().put("weekday", Integer.parseInt(parts[0])).put("start", parts[1])
                        .put("end", parts[2]));
            }
        }
        return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
                .put("phone", r.getString("phone_e164")).put("active", r.getBoolean("active"))
                .put("homeRegion", r.getString("home_region"))
                .put("regions", words(r.getString("regions"))).put("skills", words(r.getString("skills")))
                .put("hours", hours);
    }

    private static JsonArray words(String text) {
        return text == null ? new JsonArray() : new JsonArray(List.of(text.split(" ")));
    }
}
