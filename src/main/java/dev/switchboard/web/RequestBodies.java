package dev.switchboard.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    /**
     * A text field for validation that reports every bad field at once: the trimmed value, or
     * null with a message put in {@code problems} (missing when required, not text, too long).
     */
    public static String field(JsonObject body, String field, int max, boolean required, Map<String, String> problems) {
        Object value = body.getValue(field);
        if (value == null || (value instanceof String s && s.isBlank())) {
            if (required) {
                problems.put(field, "is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            problems.put(field, "must be a string");
            return null;
        }
        if (s.length() > max) {
            problems.put(field, "must be at most " + max + " characters");
            return null;
        }
        return s.trim();
    }

    /** A field that must be one of {@code allowed}; {@code fallback} when absent (null: required). */
    public static String oneOf(JsonObject body, String field, String fallback, Set<String> allowed,
                               Map<String, String> problems) {
        String value = field(body, field, 32, fallback == null, problems);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            problems.put(field, "must be one of " + String.join(", ", new TreeSet<>(allowed)));
            return null;
        }
        return value;
    }

    /** A required instant field ({@code 2026-11-24T09:00:00Z}), or null with a message in {@code problems}. */
    public static Instant instant(JsonObject body, String field, Map<String, String> problems) {
        Object value = body.getValue(field);
        try {
            if (value instanceof String s) {
                return Instant.parse(s);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.put(field, "must be an instant like 2026-11-24T09:00:00Z");
        return null;
    }
}
