package dev.switchboard.screenpop;

import dev.switchboard.cases.CaseAccess;
import dev.switchboard.cases.CaseChanges;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.WebSockets;
import dev.switchboard.web.auth.AuthenticatedUser;
import dev.switchboard.web.auth.ForbiddenException;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/agent/pops}: an agent's WebSocket. On connect it gets the current pop, if a call
 * is ringing or up on their phone (a browser that reconnects mid-call sees it again), then every
 * pop, pop update, withdrawal and end for their phones — and nobody else's.
 * <p>
 * The page says which case it shows by sending {@code {"type": "watch", "caseId": 17}} (null: none);
 * if the agent may work that case, each change to it comes down as
 * {@code {"type": "case-changed", "caseId": 17}} — no case data: the page reads the case again
 * through the API, with its access checks. The answer {@code {"type": "watching", "caseId": 17}}
 * (null: refused, the case is someone else's) says from when on.
 */
public final class ScreenPopRoutes implements RouteModule {

    private final Vertx vertx;
    private final AgentDirectory agents;
    private final CaseAccess access;

    public ScreenPopRoutes(Vertx vertx, AgentDirectory agents, CaseAccess access) {
        this.vertx = vertx;
        this.agents = agents;
        this.access = access;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/agent/pops").handler(this::pops);
    }

    private void pops(RoutingContext ctx) {
        AuthenticatedUser user = AuthenticatedUser.of(ctx);
        agents.agentOfUser(user.id()).onSuccess(agent -> {
            if (agent.isEmpty()) {
                ctx.fail(new ForbiddenException("User " + user.username() + " is not an agent with a phone."));
                return;
            }
            WebSockets.upgrade(ctx).onSuccess(socket -> {
                MessageConsumer<JsonObject> pops = follow(socket, agent.get());
                MessageConsumer<JsonObject> changes = watchCases(socket, user);
                socket.closeHandler(v -> {
                    pops.unregister();
                    changes.unregister();
                });
            }).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private MessageConsumer<JsonObject> follow(ServerWebSocket socket, long agentId) {
        List<JsonObject> early = new ArrayList<>();
        boolean[] currentSent = {false};
        MessageConsumer<JsonObject> pops = vertx.eventBus().consumer(ScreenPopAddresses.agent(agentId), message -> {
            if (currentSent[0]) {
                socket.writeTextMessage(message.body().encode());
            } else {
                early.add(message.body());
            }
        });
        pops.completion()
                .compose(v -> vertx.eventBus().<JsonObject>request(ScreenPopAddresses.CURRENT, agentId))
                .onSuccess(current -> {
                    if (current.body() != null && early.isEmpty()) {
                        socket.writeTextMessage(current.body().encode());
                    }
                    early.forEach(message -> socket.writeTextMessage(message.encode()));
                    early.clear();
                    currentSent[0] = true;
                })
                .onFailure(e -> socket.close((short) 1011, "current pop unavailable"));
        return pops;
    }

    /** Forwards the changes of the one case the page shows, once the agent is found to may work it. */
    private MessageConsumer<JsonObject> watchCases(ServerWebSocket socket, AuthenticatedUser user) {
        Long[] watched = {null};
        int[] requests = {0};
        MessageConsumer<JsonObject> changes = vertx.eventBus().consumer(CaseChanges.ADDRESS, message -> {
            Long caseId = message.body().getLong("caseId");
            if (caseId != null && caseId.equals(watched[0])) {
                socket.writeTextMessage(new JsonObject().put("type", "case-changed").put("caseId", caseId).encode());
            }
        });
        socket.textMessageHandler(text -> {
            Long wanted = watchRequest(text);
            int request = ++requests[0];
            watched[0] = null;
            if (wanted != null) {
                // only the latest watch counts, however the access checks finish
                access.mayWork(user, wanted).onSuccess(may -> {
                    if (request == requests[0]) {
                        watched[0] = may ? wanted : null;
                        socket.writeTextMessage(new JsonObject().put("type", "watching").put("caseId", watched[0]).encode());
                    }
                });
            }
        });
        return changes;
    }

    /** The case a {@code watch} message names; null for none, or for anything else the page sent. */
    private static Long watchRequest(String text) {
        try {
            JsonObject message = new JsonObject(text);
            return "watch".equals(message.getString("type")) && message.getValue("caseId") instanceof Number n
                    ? n.longValue() : null;
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }
}
