package dev.switchboard.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies; anything that is not what was asked for is a 400 naming the problem. */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static JsonObject jsonObject(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("missing_body", "Send a JSON object in the request body.");
        }
        try {
            Object value = new JsonObject(text);
            return (JsonObject) value;
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidRequestException("malformed_json", "The request body is not a JSON object.");
        }
    }

    /** A required string field, trimmed, at most {@code maxLength} characters. */
    public static String text(JsonObject body, String field, int maxLength) {
        Object value = body.getValue(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new InvalidRequestException("invalid_field", "'" + field + "' must be a non-empty string.");
        }
        if (s.length() > maxLength) {
            throw new InvalidRequestException("invalid_field", "'" + field + "' is longer than " + maxLength
                    + " characters.");
        }
        return s;
    }
}
