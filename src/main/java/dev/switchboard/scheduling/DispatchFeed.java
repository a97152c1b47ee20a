package dev.switchboard.scheduling;

import dev.switchboard.cases.CaseChanges;
import dev.switchboard.web.WebSockets;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/dispatch/live}: the dispatcher's WebSocket. It sends {@code {"type": "changed",
 * "caseId": N}} for every committed change to a case or its visits, whoever made it; the page
 * fetches its day again. It carries no case data, so it needs no access check beyond the
 * dispatcher's role.
 */
final class DispatchFeed {

    private DispatchFeed() {
    }

    static void connect(RoutingContext ctx) {
        WebSockets.upgrade(ctx).onSuccess(socket -> follow(ctx, socket)).onFailure(ctx::fail);
    }

    private static void follow(RoutingContext ctx, ServerWebSocket socket) {
        MessageConsumer<JsonObject> changes = ctx.vertx().eventBus().consumer(CaseChanges.ADDRESS, notice ->
                socket.writeTextMessage(new JsonObject().put("type", "changed")
                        .put("caseId", notice.body().getLong("caseId")).encode()));
        socket.closeHandler(v -> changes.unregister());
    }
}
