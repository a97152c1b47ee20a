package dev.switchboard.web;

import java.util.Map;

/** Well-formed JSON that breaks the rules: 422 with a message per field. */
public final class ValidationException extends RuntimeException {

    private final Map<String, String> fields;

    public ValidationException(Map<String, String> fields) {
        super("Some fields are not valid: " + String.join(", ", fields.keySet()) + ".");
        this.fields = Map.copyOf(fields);
    }

    public Map<String, String> fields() {
        return fields;
    }
}
