package dev.switchboard.callbacks;

import dev.switchboard.web.PathParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.Versions;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/cases/{id}/escalations} {to, reason, callbackDueAt, assignee} (with
 * {@code If-Match}); {@code GET /api/callbacks} — your open callbacks, or for supervisors and
 * admins every open one ({@code ?mine=true} for their own); {@code POST /api/callbacks/{id}/done}.
 */
public final class CallbacksRoutes implements RouteModule {

    static final Set<String> ESCALATE_TO = Set.of("specialist", "supervisor");
    static final Set<String> SEE_ALL = Set.of("supervisor", "admin");

    private final Callbacks callbacks;

    public CallbacksRoutes(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/cases/:id/escalations").handler(this::escalate);
        router.get("/api/callbacks").handler(ctx -> {
            AuthenticatedUser user = AuthenticatedUser.of(ctx);
            boolean everyone = SEE_ALL.contains(user.role()) && !"true".equals(ctx.queryParams().get("mine"));
            callbacks.open(user, everyone).onSuccess(list -> ctx.response()
                    .putHeader("Content-Type", "application/json").end(list.encode())).onFailure(ctx::fail);
        });
        router.post("/api/callbacks/:id/done").handler(ctx -> {
            JsonObject body = RequestBodies.jsonObject(ctx);
            Map<String, String> problems = new LinkedHashMap<>();
            String outcome = RequestBodies.field(body, "outcome", 64, true, problems);
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            callbacks.done(PathParameters.id(ctx), outcome, AuthenticatedUser.of(ctx))
                    .onSuccess(c -> ctx.response().putHeader("Content-Type", "application/json").end(c.encode()))
                    .onFailure(ctx::fail);
        });
    }

    private void escalate(RoutingContext ctx) {
        long caseId = PathParameters.id(ctx);
        int version = Versions.required(ctx);
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String to = RequestBodies.oneOf(body, "to", null, ESCALATE_TO, problems);
        String reason = RequestBodies.field(body, "reason", 1000, true, problems);
        String assignee = RequestBodies.field(body, "assignee", 64, false, problems);
        Instant dueAt = RequestBodies.instant(body, "callbackDueAt", problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        callbacks.escalate(caseId, version, new Escalation(to, reason, dueAt, assignee), AuthenticatedUser.of(ctx))
                .onSuccess(c -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end(c.encode()))
                .onFailure(ctx::fail);
    }
}
