package dev.switchboard.web;

import io.vertx.core.json.JsonObject;

/**
 * The thing is not in a state that allows the change (a case's status, a taken slot, a phone in
 * no queue): 409 with a code and, where it helps, what would be allowed.
 */
public final class ConflictException extends RuntimeException {

    private final String code;
    private final JsonObject details;

    public ConflictException(String code, String message, JsonObject details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public String code() {
        return code;
    }

    public JsonObject details() {
        return details;
    }
}
