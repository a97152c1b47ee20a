package dev.switchboard;

import dev.switchboard.health.HealthDetail;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** What /health says when no Asterisk is configured and no DEMO traffic runs: nothing is followed. */
final class NoAsterisk implements HealthDetail {

    @Override
    public String name() {
        return "asterisk";
    }

    @Override
    public JsonObject state() {
        return new JsonObject().put("links", new JsonArray());
    }

    @Override
    public List<String> degradations() {
        return List.of("no Asterisk configured (SWITCHBOARD_AMI): no calls are followed");
    }
}
