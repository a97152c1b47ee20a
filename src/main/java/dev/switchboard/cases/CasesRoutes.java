package dev.switchboard.cases;

import dev.switchboard.store.DatabaseErrors;
import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.PathParameters;
import dev.switchboard.web.QueryParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.Versions;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Cases over HTTP. {@code POST /api/cases} opens one (201), or, while the database is away,
 * holds the opening on disk and answers 202 with its reference (see {@link HeldCaseOpenings}); an
 * {@code Idempotency-Key} header makes a repeated opening answer with the case the first one opened;
 * {@code GET /api/cases} lists the open ones
 * the caller works; {@code GET /api/cases/{id}} shows it with
 * its allowed next states and an {@code ETag} of its version; {@code PATCH /api/cases/{id}} and
 * {@code POST /api/cases/{id}/transitions} change it and must send that version as
 * {@code If-Match}; {@code GET /api/cases/{id}/events} is its audit trail.
 */
public final class CasesRoutes implements RouteModule {

    static final Set<String> CHANNELS = Set.of("phone", "email", "web", "letter", "walk_in", "social");
    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CaseStore store;
    private final HeldCaseOpenings held;

    public CasesRoutes(CaseStore store, HeldCaseOpenings held) {
        this.store = store;
        this.held = held;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/cases").handler(this::open);
        router.get("/api/cases").handler(ctx -> store.mine(AuthenticatedUser.of(ctx))
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
                .onFailure(ctx::fail));
        router.get("/api/cases/:id").handler(ctx -> respond(ctx, 200, store.get(PathParameters.id(ctx))));
        router.patch("/api/cases/:id").handler(this::edit);
        router.post("/api/cases/:id/transitions").handler(this::move);
        router.get("/api/cases/:id/timeline").handler(ctx -> respondJson(ctx, store.timeline(PathParameters.id(ctx))));
        router.get("/api/reports/case-states").handler(ctx -> {
            Instant to = QueryParameters.instant(ctx, "to", Instant.now());
            Instant from = QueryParameters.instant(ctx, "from", to.minus(Duration.ofDays(30)));
            store.timeInStates(from, to)
                    .onSuccess(rows -> ctx.response().putHeader("Content-Type", "application/json").end(rows.encode()))
                    .onFailure(ctx::fail);
        });
        router.get("/api/cases/:id/events").handler(ctx -> store.events(PathParameters.id(ctx))
                .onSuccess(events -> ctx.response().putHeader("Content-Type", "application/json").end(events.encode()))
                .onFailure(ctx::fail));
    }

    private void open(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String account = RequestBodies.field(body, "accountNumber", 12, true, problems);
        String linkedid = RequestBodies.field(body, "callLinkedid", 64, false, problems);
        String channel = RequestBodies.oneOf(body, "channel", linkedid != null ? "phone" : null, CHANNELS, problems);
        String category = RequestBodies.field(body, "category", 64, true, problems);
        String priority = RequestBodies.oneOf(body, "priority", "normal", PRIORITIES, problems);
        String description = RequestBodies.field(body, "description", 5000, true, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        NewCase request = new NewCase(account, channel, category, priority, description, linkedid);
        AuthenticatedUser user = AuthenticatedUser.of(ctx);
        String reference = reference(ctx, user);
        store.open(request, user, reference, CaseStore.CallLink.REQUIRED).onSuccess(json -> respond(ctx, 201, json))
                .onFailure(e -> {
                    if (!DatabaseErrors.unreachable(e)) {
                        ctx.fail(e);
                        return;
                    }
                    held.hold(request, user, reference).onSuccess(json -> ctx.response().setStatusCode(202)
                            .putHeader("Content-Type", "application/json").end(json.encode())).onFailure(ctx::fail);
                });
    }

    /**
     * The reference of this opening. With an {@code Idempotency-Key} (the page makes one per form)
     * it is derived from the user and the key, so the same opening sent again — a double click, a
     * retry after an answer that never arrived — finds the case the first one opened, and one
     * user's key can never find another user's case. Without a key every request is a new opening.
     */
    static String reference(RoutingContext ctx, AuthenticatedUser user) {
        String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
        if (key == null) {
            return UUID.randomUUID().toString();
        }
        if (key.isBlank() || key.length() > 128) {
            throw new InvalidRequestException("invalid_header",
                    IDEMPOTENCY_KEY + " must be 1 to 128 characters, made once for each case to open.");
        }
        return UUID.nameUUIDFromBytes((user.id() + "\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void edit(RoutingContext ctx) {
        long id = PathParameters.id(ctx);
        int version = Versions.required(ctx);
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String category = RequestBodies.field(body, "category", 64, true, problems);
        String priority = RequestBodies.oneOf(body, "priority", "normal", PRIORITIES, problems);
        String description = RequestBodies.field(body, "description", 5000, true, problems);
        String reason = RequestBodies.field(body, "reason", 1000, false, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        respond(ctx, 200, store.edit(id, version, new CaseEdit(category, priority, description, reason),
                AuthenticatedUser.of(ctx)));
    }

    private void move(RoutingContext ctx) {
        long id = PathParameters.id(ctx);
        int version = Versions.required(ctx);
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String to = RequestBodies.field(body, "to", 16, true, problems);
        String reason = RequestBodies.field(body, "reason", 1000, false, problems);
        String resolution = RequestBodies.field(body, "resolutionCode", 32, false, problems);
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
        result.onSuccess(json -> respond(ctx, status, json)).onFailure(ctx::fail);
    }

    private static void respond(RoutingContext ctx, int status, JsonObject json) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("ETag", "\"" + json.getInteger("version") + "\"").end(json.encode());
    }

    private static void respondJson(RoutingContext ctx, Future<JsonObject> result) {
        result.onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encode()))
                .onFailure(ctx::fail);
    }


}
