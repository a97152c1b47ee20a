package dev.switchboard.web.auth;

import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One change an admin made: {@code action} (e.g. {@code user.role}) to a subject of a kind
 * ({@code user}, {@code queue}, {@code engineer}) with its id (null where it has none, as a queue
 * named by Asterisk) and name; {@code before} and {@code after} hold the fields that changed
 * (null: the subject did not exist before). A password is never in them, only the fact.
 */
public record AdminChange(Actor actor, String action, String subjectKind, Long subjectId, String subjectName,
                          JsonObject before, JsonObject after) {

    /** What {@code before} and {@code after} say of a password: that it changed, never what it is. */
    public static final String PASSWORD_CHANGED = "changed";

    /**
     * The change from one state of a subject to another, keeping only the fields whose values
     * differ (a field missing on one side counts as null).
     */
    public static AdminChange between(Actor actor, String action, String subjectKind, Long subjectId,
                                      String subjectName, JsonObject whole, JsonObject wholeAfter) {
        JsonObject before = new JsonObject();
        JsonObject after = new JsonObject();
        Set<String> fields = new TreeSet<>(whole.fieldNames());
        fields.addAll(wholeAfter.fieldNames());
        for (String field : fields) {
            Object was = whole.getValue(field);
            Object is = wholeAfter.getValue(field);
            if (!Objects.equals(was, is)) {
                before.put(field, was);
                after.put(field, is);
            }
        }
        return new AdminChange(actor, action, subjectKind, subjectId, subjectName, before, after);
    }

    /** Whether anything changed at all (a save of what was already there records nothing). */
    public boolean changesSomething() {
        return before == null || !before.equals(after);
    }
}
