package dev.switchboard.web;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document describes every route the service has, and nothing it has not. */
class OpenApiDocumentTest {

    @Test
    void every_route_is_documented_and_every_documented_route_exists() {
        try (ServiceRig rig = new ServiceRig("openapi", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of())) {
            var answer = rig.get("/openapi.json", null);
            assertThat(answer.statusCode()).as("public, like /health").isEqualTo(200);
            JsonObject document = answer.bodyAsJsonObject();
            assertThat(document.getString("openapi")).startsWith("3.");

            List<String> documented = new ArrayList<>();
            JsonObject paths = document.getJsonObject("paths");
            for (String path : paths.fieldNames()) {
                for (String method : paths.getJsonObject(path).fieldNames()) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
            List<String> served = rig.routes().stream()
                    .filter(route -> !route.equals("GET /")) // the browser UI's files (GET /*), not an API
                    .map(route -> route.replaceAll(":([a-z]+)", "{$1}")).distinct().toList();

            assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
        }
    }
}
