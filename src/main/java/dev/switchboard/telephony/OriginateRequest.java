package dev.switchboard.telephony;

import io.vertx.core.json.JsonObject;
import org.asteriskjava.manager.action.OriginateAction;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An asynchronous AMI Originate: ring {@code channel} (for {@code ring}); once it answers, run
 * {@code context},{@code exten},1 with {@code variables} set on the channel. {@code actionId}
 * comes back on the OriginateResponse.
 */
public record OriginateRequest(String actionId, String channel, String context, String exten, Duration ring,
                               String callerId, Map<String, String> variables) {

    public OriginateRequest {
        variables = Map.copyOf(variables);
    }

    public JsonObject toJson() {
        return new JsonObject().put("actionId", actionId).put("channel", channel).put("context", context)
                .put("exten", exten).put("ringMillis", ring.toMillis()).put("callerId", callerId)
                .put("variables", new JsonObject(new LinkedHashMap<>(variables)));
    }

    public static OriginateRequest fromJson(JsonObject json) {
        Map<String, String> variables = new LinkedHashMap<>();
        json.getJsonObject("variables", new JsonObject()).forEach(e -> variables.put(e.getKey(), String.valueOf(e.getValue())));
        return new OriginateRequest(json.getString("actionId"), json.getString("channel"), json.getString("context"),
                json.getString("exten"), Duration.ofMillis(json.getLong("ringMillis")), json.getString("callerId"),
                variables);
    }

    OriginateAction action() {
        OriginateAction action = new OriginateAction();
        action.setActionId(actionId);
        action.setChannel(channel);
        action.setContext(context);
        action.setExten(exten);
        action.setPriority(1);
        action.setTimeout(ring.toMillis());
        action.setCallerId(callerId);
        action.setAsync(true);
        action.setVariables(variables);
        return action;
    }
}
