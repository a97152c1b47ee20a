package dev.switchboard.queues;

import dev.switchboard.screenpop.AgentDirectory;
import dev.switchboard.telephony.QueuePauseRequest;
import dev.switchboard.telephony.TelephonyAddresses;
import dev.switchboard.web.ConflictException;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.UnavailableException;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.AuthenticatedUser;
import dev.switchboard.web.auth.ForbiddenException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An agent's own place in the queues. {@code GET /api/agent/state}: each queue their phone is a
 * member of, with its state, time in that state and pause reason, as Asterisk last reported.
 * {@code POST /api/agent/state} {@code {"state": "ready"|"paused", "reason": "lunch"}}: sent to
 * Asterisk as QueuePause for each of their phones in the queues; Asterisk's QueueMemberPause
 * events then move them on every wallboard.
 */
public final class AgentStateRoutes implements RouteModule {

    /** What a pause reason may hold: it travels to Asterisk as one AMI header value. */
    static final Pattern REASON = Pattern.compile("[\\p{L}\\p{N} .,'()/&-]{1,40}");
    static final Set<String> STATES = Set.of("ready", "paused");

    private final Vertx vertx;
    private final AgentDirectory agents;

    public AgentStateRoutes(Vertx vertx, AgentDirectory agents) {
        this.vertx = vertx;
        this.agents = agents;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/agent/state").handler(ctx -> phones(ctx).compose(this::memberships)
                .onSuccess(queues -> respond(ctx, queues)).onFailure(ctx::fail));
        router.post("/api/agent/state").handler(this::change);
    }

    private void change(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String state = RequestBodies.oneOf(body, "state", null, STATES, problems);
        String reason = RequestBodies.field(body, "reason", 40, "paused".equals(state), problems);
        if (reason != null && !REASON.matcher(reason).matches()) {
            problems.put("reason", "may hold letters, digits, spaces and . , ' ( ) / & - only");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        boolean paused = state.equals("paused");
        phones(ctx).compose(phones -> memberships(phones).compose(queues -> {
            Set<String> interfaces = new LinkedHashSet<>();
            queues.forEach(q -> interfaces.add(q.getString("interface")));
            if (interfaces.isEmpty()) {
                return Future.failedFuture(new ConflictException("not_in_queue", "Your phone ("
                        + String.join(", ", phones.interfaces()) + ") is in no queue that Asterisk reports, so it"
                        + " cannot be made ready or paused.", new JsonObject()));
            }
            List<Future<Object>> sent = interfaces.stream()
                    .map(iface -> vertx.eventBus().request(TelephonyAddresses.QUEUE_PAUSE,
                            new QueuePauseRequest(iface, paused, reason).toJson()).map(m -> m.body()))
                    .toList();
            return Future.all(sent).recover(e -> Future.failedFuture(new UnavailableException("asterisk_unavailable",
                    "Asterisk did not take the change: " + e.getMessage()))).map(v -> interfaces);
        })).onSuccess(interfaces -> ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("state", state).put("reason", paused ? reason : null)
                        .put("interfaces", new JsonArray(List.copyOf(interfaces))).encode()))
                .onFailure(ctx::fail);
    }

    private Future<AgentDirectory.Phones> phones(RoutingContext ctx) {
        AuthenticatedUser user = AuthenticatedUser.of(ctx);
        return agents.phonesOfUser(user.id()).map(phones -> phones.orElseThrow(() ->
                new ForbiddenException("User " + user.username() + " is not an agent with a phone.")));
    }

    /** The agent's entry in every queue Asterisk reports them in, with the queue's name added. */
    private Future<List<JsonObject>> memberships(AgentDirectory.Phones phones) {
        return vertx.eventBus().<JsonArray>request(QueuesAddresses.LIVE, null).map(live -> live.body().stream()
                .map(JsonObject.class::cast)
                .flatMap(queue -> queue.getJsonArray("agentList").stream().map(JsonObject.class::cast)
                        .filter(agent -> phones.interfaces().contains(agent.getString("interface"))
                                || phones.memberName().equals(agent.getString("name")))
                        .map(agent -> agent.copy().put("queue", queue.getString("name"))))
                .toList());
    }

    private static void respond(RoutingContext ctx, List<JsonObject> queues) {
        ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("queues", new JsonArray(List.copyOf(queues))).encode());
    }
}
