package dev.switchboard.cases;

import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.PreconditionRequiredException;
import dev.switchboard.web.QueryParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cases over HTTP. {@code POST /api/cases} opens one; {@code GET /api/cases/{id}} shows it with
 * its allowed next states and an {@code ETag} of its version; {@code PATCH /api/cases/{id}} and
 * {@code POST /api/cases/{id}/transitions} change it and must send that version as
 * {@code If-Match}; {@code GET /api/cases/{id}/events} is its audit trail.
 */
public final class CasesRoutes implements RouteModule {

    static final Set<String> CHANNELS = Set.of("phone", "email", "web", "letter", "walk_in", "social");
    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

    private final CaseStore store;

    public CasesRoutes(CaseStore store) {
        this.store = store;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/cases").handler(this::open);
        router.get("/api/cases/:id").handler(ctx -> respond(ctx, 200, store.get(id(ctx))));
        router.patch("/api/cases/:id").handler(this::edit);
        router.post("/api/cases/:id/transitions").handler(this::move);
        router.get("/api/cases/:id/timeline").handler(ctx -> respondJson(ctx, store.timeline(id(ctx))));
        router.get("/api/reports/case-states").handler(ctx -> {
            Instant to = QueryParameters.instant(ctx, "to", Instant.now());
            Instant from = QueryParameters.instant(ctx, "from", to.minus(Duration.ofDays(30)));
            store.timeInStates(from, to)
                    .onSuccess(rows -> ctx.response().putHeader("Content-Type", "application/json").end(rows.encode()))
                    .onFailure(ctx::fail);
        });
        router.get("/api/cases/:id/events").handler(ctx -> store.events(id(ctx))
                .onSuccess(events -> ctx.response().putHeader("Content-Type", "application/json").end(events.encode()))
                .onFailure(ctx::fail));
    }

    private void open(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String account = text(body, "accountNumber", 12, true, problems);
        String linkedid = text(body, "callLinkedid", 64, false, problems);
        String channel = oneOf(body, "channel", linkedid != null ? "phone" : null, CHANNELS, problems);
        String category = text(body, "category", 64, true, problems);
        String priority = oneOf(body, "priority", "normal", PRIORITIES, problems);
        String description = text(body, "description", 5000, true, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        respond(ctx, 201, store.open(new NewCase(account, channel, category, priority, description, linkedid),
                AuthenticatedUser.of(ctx)));
    }

    private void edit(RoutingContext ctx) {
        long id = id(ctx);
        int version = ifMatch(ctx);
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String category = text(body, "category", 64, true, problems);
        String priority = oneOf(body, "priority", "normal", PRIORITIES, problems);
        String description = text(body, "description", 5000, true, problems);
        String reason = text(body, "reason", 1000, false, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        respond(ctx, 200, store.edit(id, version, new CaseEdit(category, priority, description, reason),
                AuthenticatedUser.of(ctx)));
    }

    private void move(RoutingContext ctx) {
        long id = id(ctx);
        int version = ifMatch(ctx);
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String to = text(body, "to", 16, true, problems);
        String reason = text(body, "reason", 1000, false, problems);
        String resolution = text(body, "resolutionCode", 32, false, problems);
        CaseStatus target = to == null ? null : CaseStatus.fromCode(to).orElse(null);
        if (to != null && target == null) {
            problems.put("to", "is not a case status");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        respond(ctx, 200, store.move(id, version, target, reason, resolution, AuthenticatedUser.of(ctx)));
    }

    private static void respond(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onSuccess(json -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("ETag", "\"" + json.getInteger("version") + "\"").end(json.encode())).onFailure(ctx::fail);
    }

    private static void respondJson(RoutingContext ctx, Future<JsonObject> result) {
        result.onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encode()))
                .onFailure(ctx::fail);
    }


    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid_parameter", "A case id is a number.");
        }
    }

    /** The version the change is based on, from {@code If-Match: "3"}. */
    private static int ifMatch(RoutingContext ctx) {
        String header = ctx.request().getHeader("If-Match");
        if (header == null || header.isBlank()) {
            throw new PreconditionRequiredException("Send the version you are changing as If-Match (the ETag of the case).");
        }
        try {
            return Integer.parseInt(header.trim().replace("W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid_header", "If-Match must be the case's ETag, e.g. \"3\".");
        }
    }

    private static String text(JsonObject body, String field, int max, boolean required, Map<String, String> problems) {
        Object value = body.getValue(field);
        if (value == null || (value instanceof String s && s.isBlank())) {
            if (required) {
                problems.put(field, "is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            problems.put(field, "must be a string");
            return null;
        }
        if (s.length() > max) {
            problems.put(field, "must be at most " + max + " characters");
            return null;
        }
        return s.trim();
    }

    private static String oneOf(JsonObject body, String field, String fallback, Set<String> allowed,
                                Map<String, String> problems) {
        String value = text(body, field, 32, fallback == null, problems);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            problems.put(field, "must be one of " + String.join(", ", new TreeSet<>(allowed)));
            return null;
        }
        return value;
    }
}
