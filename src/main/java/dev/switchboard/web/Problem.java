package dev.switchboard.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The one shape of every error response: HTTP status, a machine-readable code and a message for
 * people. Never a stack trace.
 */
public record Problem(int status, String code, String message, JsonObject details) {

    public Problem(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** The body; {@code details} (e.g. the fields at fault, the allowed transitions) merged in. */
    public JsonObject toJson() {
        JsonObject body = new JsonObject().put("status", status).put("code", code).put("message", message);
        return details == null ? body : body.mergeIn(details);
    }

    public void send(RoutingContext ctx) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(toJson().encode());
    }
}
