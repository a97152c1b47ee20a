package dev.switchboard.telephony;

import io.vertx.core.json.JsonObject;
import org.asteriskjava.manager.action.QueuePauseAction;

/**
 * An AMI QueuePause: pause or unpause a queue member's {@code memberInterface} in every queue it
 * belongs to, with the reason Asterisk shows as {@code PausedReason}.
 */
public record QueuePauseRequest(String memberInterface, boolean paused, String reason) {

    public JsonObject toJson() {
        return new JsonObject().put("interface", memberInterface).put("paused", paused).put("reason", reason);
    }

    public static QueuePauseRequest fromJson(JsonObject json) {
        return new QueuePauseRequest(json.getString("interface"), json.getBoolean("paused"), json.getString("reason"));
    }

    QueuePauseAction action() {
        QueuePauseAction action = new QueuePauseAction(memberInterface, paused);
        if (paused && reason != null && !reason.isBlank()) {
            action.setReason(reason);
        }
        return action;
    }
}
