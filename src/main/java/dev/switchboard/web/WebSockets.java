package dev.switchboard.web;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;

/** The live feeds' way in: a WebSocket upgrade, or a 400 that says so to a plain HTTP request. */
public final class WebSockets {

    private WebSockets() {
    }

    public static Future<ServerWebSocket> upgrade(RoutingContext ctx) {
        if (!HttpServerVerticle.isWebSocketUpgrade(ctx.request())) {
            return Future.failedFuture(new InvalidRequestException("websocket_required",
                    ctx.normalizedPath() + " is a live feed: connect to it with a WebSocket."));
        }
        return ctx.request().toWebSocket();
    }
}
