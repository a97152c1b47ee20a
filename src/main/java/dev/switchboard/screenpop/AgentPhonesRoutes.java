package dev.switchboard.screenpop;

import dev.switchboard.web.PathParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.Actor;
import dev.switchboard.web.auth.UserPhones;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code PUT /api/admin/users/{id}/phone} {@code {"memberName": "Alice", "interfaces":
 * ["PJSIP/alice"]}}: which queue member a user is and which phones ring them, so their pops reach
 * them; {@code "memberName": null} makes them no agent, no interfaces keeps the member's own
 * phones. The admin page changes the same with the rest of a user in {@code PATCH /api/admin/users/{id}}.
 */
public final class AgentPhonesRoutes implements RouteModule {

    private final AgentDirectory agents;

    public AgentPhonesRoutes(AgentDirectory agents) {
        this.agents = agents;
    }

    @Override
    public void mount(Router router) {
        router.put("/api/admin/users/:id/phone").handler(this::assign);
    }

    private void assign(RoutingContext ctx) {
        long user = PathParameters.id(ctx);
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        UserPhones phones = UserPhones.read(body, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        agents.assignPhones(Actor.of(ctx), user, phones)
                .onSuccess(assigned -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(assigned.json(user).encode()))
                .onFailure(ctx::fail);
    }
}
