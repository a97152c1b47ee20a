package dev.switchboard.cases;

import io.vertx.core.json.JsonObject;

/** The case is not in a state (or version) that allows the change: 409 with what would be allowed. */
public final class CaseConflictException extends RuntimeException {

    private final String code;
    private final JsonObject details;

    public CaseConflictException(String code, String message, JsonObject details) {
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
