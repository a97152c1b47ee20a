package dev.switchboard.web.auth;

import dev.switchboard.web.RequestBodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which queue member a user is and which phones ring them, as a request gives it:
 * {@code {"memberName": "Alice", "interfaces": ["Local/1001@agents/n"]}}. A null member name
 * makes the user no agent; no interfaces keeps the phones the member already has.
 */
public record UserPhones(String memberName, List<String> interfaces) {

    /** A queue-member interface as Asterisk writes it: PJSIP/1001, Local/1001@agents/n, SIP/x. */
    static final Pattern INTERFACE = Pattern.compile("[A-Za-z]+/[A-Za-z0-9@._/+-]{1,120}");
    static final Pattern MEMBER_NAME = Pattern.compile("[\\p{L}\\p{N} ._'-]{1,80}");

    public UserPhones {
        interfaces = List.copyOf(interfaces);
    }

    /**
     * Makes a user that agent (or no agent) on the connection of a transaction that is already
     * open, so a user's role and their phones change together or not at all.
     */
    @FunctionalInterface
    public interface Assigner {
        Future<Void> assign(SqlConnection transaction, long userId, UserPhones phones);
    }

    /** Reads memberName and interfaces from a body, putting what is wrong into {@code problems}. */
    public static UserPhones read(JsonObject body, Map<String, String> problems) {
        String memberName = RequestBodies.field(body, "memberName", 80, false, problems);
        if (memberName != null && !MEMBER_NAME.matcher(memberName).matches()) {
            problems.put("memberName", "must be the queue member's name: letters, digits, spaces and . _ ' -");
        }
        List<String> interfaces = new ArrayList<>();
        Object list = body.getValue("interfaces");
        if (list != null && !(list instanceof JsonArray)) {
            problems.put("interfaces", "must be a list of interfaces such as PJSIP/alice");
        } else if (list != null) {
            for (Object iface : (JsonArray) list) {
                if (!(iface instanceof String s) || !INTERFACE.matcher(s).matches()) {
                    problems.put("interfaces", "must be interfaces such as PJSIP/alice or Local/1001@agents/n");
                } else if (!interfaces.contains(s)) {
                    interfaces.add(s);
                }
            }
        }
        if (memberName == null && !interfaces.isEmpty()) {
            problems.put("memberName", "is needed with phones: the queue member the phones ring");
        }
        return new UserPhones(memberName, interfaces);
    }

    public JsonObject json(long userId) {
        return new JsonObject().put("userId", userId).put("memberName", memberName)
                .put("interfaces", new JsonArray(interfaces));
    }
}
