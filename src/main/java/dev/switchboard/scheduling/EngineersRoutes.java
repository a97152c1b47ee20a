package dev.switchboard.scheduling;

import dev.switchboard.web.PathParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.Actor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admin's engineers: {@code GET /api/admin/engineers} (with the regions and skills to choose
 * from), {@code POST /api/admin/engineers} {name, phone, homeRegion, regions, skills, hours
 * [{weekday 1–7, start "08:00", end "17:00"}] — Monday to Friday 08:00–17:00 when left out},
 * {@code PATCH /api/admin/engineers/{id}} {active}.
 */
public final class EngineersRoutes implements RouteModule {

    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    static final Pattern CODE = Pattern.compile("[a-z0-9_-]{1,32}");

    private final Engineers engineers;

    public EngineersRoutes(Engineers engineers) {
        this.engineers = engineers;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/admin/engineers").handler(ctx -> engineers.list()
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
                .onFailure(ctx::fail));
        router.post("/api/admin/engineers").handler(this::add);
        router.patch("/api/admin/engineers/:id").handler(ctx -> {
            long id = PathParameters.id(ctx);
            Object active = RequestBodies.jsonObject(ctx).getValue("active");
            if (!(active instanceof Boolean on)) {
                throw new ValidationException(Map.of("active", "must be true or false"));
            }
            engineers.setActive(Actor.of(ctx), id, on).onSuccess(v -> ctx.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("id", id).put("active", on).encode())).onFailure(ctx::fail);
        });
    }

    private void add(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String name = RequestBodies.field(body, "name", 120, true, problems);
        String phone = RequestBodies.field(body, "phone", 16, false, problems);
        if (phone != null && !E164.matcher(phone).matches()) {
            problems.put("phone", "must be an E.164 number such as +441632960123");
        }
        String home = RequestBodies.field(body, "homeRegion", 32, true, problems);
        List<String> regions = codes(body, "regions", problems);
        List<String> skills = codes(body, "skills", problems);
        List<SlotFinder.WorkingHours> hours = hours(body, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        engineers.add(Actor.of(ctx), new Engineers.NewEngineer(name, phone, home, regions, skills, hours))
                .onSuccess(json -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end(json.encode()))
                .onFailure(ctx::fail);
    }

    private static List<String> codes(JsonObject body, String field, Map<String, String> problems) {
        Object value = body.getValue(field);
        List<String> codes = new ArrayList<>();
        if (value == null) {
            return codes;
        }
        if (!(value instanceof JsonArray list) || list.size() > 50) {
            problems.put(field, "must be a list of codes");
            return codes;
        }
        for (Object code : list) {
            if (!(code instanceof String c) || !CODE.matcher(c).matches()) {
                problems.put(field, "must be a list of codes such as north or boiler");
            } else if (!codes.contains(c)) {
                codes.add(c);
            }
        }
        return codes;
    }

    private static List<SlotFinder.WorkingHours> hours(JsonObject body, Map<String, String> problems) {
        Object value = body.getValue("hours");
        List<SlotFinder.WorkingHours> hours = new ArrayList<>();
        if (value == null) {
            for (int day = 1; day <= 5; day++) {
                hours.add(new SlotFinder.WorkingHours(day, LocalTime.of(8, 0), LocalTime.of(17, 0)));
            }
            return hours;
        }
        if (!(value instanceof JsonArray list) || list.size() > 21) {
            problems.put("hours", "must be a list of {weekday, start, end}");
            return hours;
        }
        try {
            for (Object entry : list) {
                JsonObject h = (JsonObject) entry;
                int weekday = h.getInteger("weekday");
                LocalTime start = LocalTime.parse(h.getString("start"));
                LocalTime end = LocalTime.parse(h.getString("end"));
                if (weekday < 1 || weekday > 7 || !end.isAfter(start)) {
                    throw new IllegalArgumentException();
                }
                hours.add(new SlotFinder.WorkingHours(weekday, start, end));
            }
        } catch (ClassCastException | NullPointerException | DateTimeParseException | IllegalArgumentException e) {
            problems.put("hours", "each must be {weekday: 1 (Monday) to 7, start: \"08:00\", end: a later time}");
        }
        return hours;
    }
}
