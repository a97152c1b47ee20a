package dev.switchboard.scheduling;

import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.PathParameters;
import dev.switchboard.web.QueryParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Engineer visits over HTTP: {@code GET /api/cases/{id}/slots?from=&to=&limit=},
 * {@code POST /api/cases/{id}/visits} {engineerId, startsAt}, {@code GET /api/visits/{id}},
 * {@code POST /api/visits/{id}/cancel} {reason}, {@code POST /api/visits/{id}/advised} {via},
 * {@code POST /api/visits/{id}/report} {outcome, workDone, partsUsed, minutesOnSite},
 * {@code POST /api/visits/{id}/reschedule} {startsAt, engineerId (optional)};
 * {@code GET /api/dispatch/visits?date=}: the dispatcher's day ({@link DispatchDay}), and
 * {@code /api/dispatch/live}: its WebSocket of changes ({@link DispatchFeed}).
 */
public final class SchedulingRoutes implements RouteModule {

    static final Set<String> ADVISED_VIA = Set.of("call", "sms", "email", "letter");

    private final VisitPlanner planner;

    public SchedulingRoutes(VisitPlanner planner) {
        this.planner = planner;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/cases/:id/slots").handler(this::slots);
        router.post("/api/cases/:id/visits").handler(this::book);
        router.get("/api/visits/:id").handler(ctx -> respond(ctx, 200, planner.visit(PathParameters.id(ctx))));
        router.post("/api/visits/:id/cancel").handler(this::cancel);
        router.post("/api/visits/:id/advised").handler(this::advised);
        router.post("/api/visits/:id/report").handler(this::report);
        router.post("/api/visits/:id/reschedule").handler(this::reschedule);
        router.get("/api/cases/:id/booking-options").handler(ctx -> {
            Instant promisedBy = QueryParameters.instant(ctx, "promisedBy", null);
            if (promisedBy == null) {
                throw new InvalidRequestException("invalid_parameter", "'promisedBy' is needed: the date promised to the customer.");
            }
            respond(ctx, 200, planner.options(PathParameters.id(ctx), promisedBy));
        });
        router.post("/api/cases/:id/waitlist").handler(ctx -> {
            JsonObject body = RequestBodies.jsonObject(ctx);
            Map<String, String> problems = new LinkedHashMap<>();
            Instant wantedBy = RequestBodies.instant(body, "wantedBy", problems);
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            respond(ctx, 201, planner.waitlist(PathParameters.id(ctx), wantedBy, AuthenticatedUser.of(ctx)));
        });
        router.get("/api/dispatch/visits").handler(ctx -> planner.day(QueryParameters.date(ctx, "date",
                        LocalDate.now(planner.zone())))
                .onSuccess(day -> ctx.response().putHeader("Content-Type", "application/json").end(day.encode()))
                .onFailure(ctx::fail));
        router.get("/api/dispatch/live").handler(DispatchFeed::connect);
        router.get("/api/waitlist").handler(ctx -> planner.waitingList()
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
                .onFailure(ctx::fail));
    }

    private void reschedule(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        Object engineer = body.getValue("engineerId");
        Map<String, String> problems = new LinkedHashMap<>();
        if (engineer != null && !(engineer instanceof Number)) {
            problems.put("engineerId", "must be the number of an engineer, or left out to keep the same one");
        }
        Instant startsAt = RequestBodies.instant(body, "startsAt", problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        respond(ctx, 200, planner.reschedule(PathParameters.id(ctx), engineer == null ? null : ((Number) engineer).longValue(),
                startsAt, AuthenticatedUser.of(ctx)));
    }

    static final Set<String> OUTCOMES = Set.of("fixed", "follow_up", "no_access", "not_home");

    private void report(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        Object outcome = body.getValue("outcome");
        if (!(outcome instanceof String o) || !OUTCOMES.contains(o)) {
            problems.put("outcome", "must be one of fixed, follow_up, no_access, not_home");
        }
        Object work = body.getValue("workDone");
        if (!(work instanceof String w) || w.isBlank() || w.length() > 5000) {
            problems.put("workDone", "must be text of 1 to 5000 characters");
        }
        Object parts = body.getValue("partsUsed");
        if (parts != null && (!(parts instanceof String p) || p.length() > 2000)) {
            problems.put("partsUsed", "must be text of at most 2000 characters");
        }
        Object minutes = body.getValue("minutesOnSite");
        if (!(minutes instanceof Integer m) || m < 0 || m > 1440) {
            problems.put("minutesOnSite", "must be a whole number of minutes from 0 to 1440");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        respond(ctx, 200, planner.report(PathParameters.id(ctx), new EngineerReport((String) outcome, (String) work, (String) parts,
                (Integer) minutes), AuthenticatedUser.of(ctx)));
    }

    private void slots(RoutingContext ctx) {
        int limit = QueryParameters.limit(ctx, 20, 200);
        planner.slots(PathParameters.id(ctx), QueryParameters.instant(ctx, "from", null), QueryParameters.instant(ctx, "to", null),
                limit).onSuccess(slots -> ctx.response().putHeader("Content-Type", "application/json")
                .end(VisitPlanner.json(slots).encode())).onFailure(ctx::fail);
    }

    private void book(RoutingContext ctx) {
        long caseId = PathParameters.id(ctx);
        JsonObject body = RequestBodies.jsonObject(ctx);
        Object engineer = body.getValue("engineerId");
        Map<String, String> problems = new LinkedHashMap<>();
        if (!(engineer instanceof Number)) {
            problems.put("engineerId", "must be the number of an engineer");
        }
        Instant startsAt = RequestBodies.instant(body, "startsAt", problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        respond(ctx, 201, planner.book(caseId, ((Number) engineer).longValue(), startsAt, AuthenticatedUser.of(ctx)));
    }

    /** The body is optional; a reason, when given, must be text. */
    private void cancel(RoutingContext ctx) {
        JsonObject body = ctx.body().length() == 0 ? new JsonObject() : RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String reason = RequestBodies.field(body, "reason", 500, false, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        respond(ctx, 200, planner.cancel(PathParameters.id(ctx), reason, AuthenticatedUser.of(ctx)));
    }

    private void advised(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        Object via = body.getValue("via");
        if (!(via instanceof String s) || !ADVISED_VIA.contains(s)) {
            throw new ValidationException(Map.of("via", "must be one of call, email, letter, sms"));
        }
        respond(ctx, 200, planner.advised(PathParameters.id(ctx), (String) via, AuthenticatedUser.of(ctx)));
    }

    private static void respond(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onSuccess(json -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(json.encode())).onFailure(ctx::fail);
    }

}
