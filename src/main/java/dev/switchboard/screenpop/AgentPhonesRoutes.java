package dev.switchboard.screenpop;

import dev.switchboard.web.PathParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code PUT /api/admin/users/{id}/phone} {@code {"memberName": "Alice", "interfaces":
 * ["PJSIP/alice"]}}: which queue member a user is and which phones ring them, so their pops reach
 * them; {@code "memberName": null} makes them no agent.
 */
public final class AgentPhonesRoutes implements RouteModule {

    /** A queue-member interface as Asterisk writes it: PJSIP/1001, Local/1001@agents/n, SIP/x. */
    static final Pattern INTERFACE = Pattern.compile("[A-Za-z]+/[A-Za-z0-9@._/+-]{1,120}");
    static final Pattern MEMBER_NAME = Pattern.compile("[\\p{L}\\p{N} ._'-]{1,80}");

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
        String memberName = RequestBodies.field(body, "memberName", 80, false, problems);
        if (memberName != null && !MEMBER_NAME.matcher(memberName).matches()) {
            problems.put("memberName", "must be the queue member's name: letters, digits, spaces and . _ ' -");
        }
        List<String> interfaces = new ArrayList<>();
        Object list = body.getValue("interfaces");
        if (list != null && !(list instanceof JsonArray)) {
            problems.put("interfaces", "must be a list of interfaces such as PJSIP/alice");
        } else if (list != null) {
            for (Object iface : (JsonArray) list) {
                if (!(iface instanceof String s) || !INTERFACE.matcher(s).matches()) {
                    problems.put("interfaces", "must be interfaces such as PJSIP/alice or Local/1001@agents/n");
                } else if (!interfaces.contains(s)) {
                    interfaces.add(s);
                }
            }
        }
        if (memberName != null && interfaces.isEmpty() && !problems.containsKey("interfaces")) {
            problems.put("interfaces", "needs at least one phone for an agent");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        agents.assignPhones(user, memberName, interfaces)
                .onSuccess(v -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("userId", user).put("memberName", memberName)
                                .put("interfaces", new JsonArray(interfaces)).encode()))
                .onFailure(ctx::fail);
    }
}
