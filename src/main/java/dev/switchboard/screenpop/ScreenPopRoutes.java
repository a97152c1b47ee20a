package dev.switchboard.screenpop;

import dev.switchboard.web.RouteModule;
import dev.switchboard.web.WebSockets;
import dev.switchboard.web.auth.AuthenticatedUser;
import dev.switchboard.web.auth.ForbiddenException;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/agent/pops}: an agent's WebSocket. On connect it gets the current pop, if a call
 * is ringing or up on their phone (a browser that reconnects mid-call sees it again), then every
 * pop, withdrawal and end for their phones — and nobody else's.
 */
public final class ScreenPopRoutes implements RouteModule {

    private final Vertx vertx;
    private final AgentDirectory agents;

    public ScreenPopRoutes(Vertx vertx, AgentDirectory agents) {
        this.vertx = vertx;
        this.agents = agents;
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
            WebSockets.upgrade(ctx).onSuccess(socket -> follow(socket, agent.get())).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private void follow(ServerWebSocket socket, long agentId) {
        List<JsonObject> early = new ArrayList<>();
        boolean[] currentSent = {false};
        MessageConsumer<JsonObject> pops = vertx.eventBus().consumer(ScreenPopAddresses.agent(agentId), message -> {
            if (currentSent[0]) {
                socket.writeTextMessage(message.body().encode());
            } else {
                early.add(message.body());
            }
        });
        socket.closeHandler(v -> pops.unregister());
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
    }
}
