package dev.switchboard.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The one shape of every error response: HTTP status, a machine-readable code and a message for
 * people. Never a stack trace.
 */
public record Problem(int status, String code, String message) {

    public JsonObject toJson() {
        return new JsonObject().put("status", status).put("code", code).put("message", message);
    }

    public void send(RoutingContext ctx) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(toJson().encode());
    }
}
