package dev.switchboard.web;

import dev.switchboard.config.HttpConfig;
import dev.switchboard.health.HealthDetail;
import dev.switchboard.health.ReadinessCheck;
import dev.switchboard.testing.Ports;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class HealthRoutesTest {

    private static ReadinessCheck check(String name, Optional<String> reason) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Future<Optional<String>> notReadyReason() {
                return Future.succeededFuture(reason);
            }
        };
    }

    private static HealthDetail asteriskDown() {
        return new HealthDetail() {
            @Override
            public String name() {
                return "asterisk";
            }

            @Override
            public JsonObject state() {
                return new JsonObject().put("links", new JsonArray().add(new JsonObject()
                        .put("server", "cti@pbx:5038").put("state", "DOWN").put("detail", "connection refused")));
            }

            @Override
            public List<String> degradations() {
                return List.of("asterisk cti@pbx:5038 is DOWN (connection refused)");
            }
        };
    }

    @Test
    void ready_is_503_with_every_reason_while_any_check_fails(Vertx vertx, VertxTestContext test) {
        int port = Ports.free();
        HttpServerVerticle http = new HttpServerVerticle(new HttpConfig("127.0.0.1", port), List.of(new HealthRoutes(
                List.of(check("database", Optional.empty()), check("schema", Optional.of("not migrated"))), List.of())));
        WebClient client = WebClient.create(vertx);

        vertx.deployVerticle(http)
                .compose(id -> client.get(port, "127.0.0.1", "/ready").send())
                .onComplete(test.succeeding(response -> test.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(503);
                    JsonObject body = response.bodyAsJsonObject();
                    assertThat(body.getString("status")).isEqualTo("NOT_READY");
                    assertThat(body.getJsonArray("reasons")).hasSize(1);
                    assertThat(body.getJsonArray("reasons").getJsonObject(0).getString("reason")).isEqualTo("not migrated");
                    test.completeNow();
                })));
    }

    @Test
    void an_asterisk_link_that_is_down_degrades_health_but_leaves_the_service_ready(Vertx vertx, VertxTestContext test) {
        int port = Ports.free();
        HttpServerVerticle http = new HttpServerVerticle(new HttpConfig("127.0.0.1", port), List.of(new HealthRoutes(
                List.of(check("database", Optional.empty())), List.of(asteriskDown()))));
        WebClient client = WebClient.create(vertx);

        vertx.deployVerticle(http)
                .compose(id -> client.get(port, "127.0.0.1", "/ready").send())
                .compose(ready -> {
                    test.verify(() -> assertThat(ready.statusCode()).isEqualTo(200));
                    return client.get(port, "127.0.0.1", "/health").send();
                })
                .onComplete(test.succeeding(health -> test.verify(() -> {
                    assertThat(health.statusCode()).isEqualTo(200);
                    JsonObject body = health.bodyAsJsonObject();
                    assertThat(body.getString("status")).isEqualTo("UP");
                    assertThat(body.getJsonObject("asterisk").getJsonArray("links").getJsonObject(0).getString("state"))
                            .isEqualTo("DOWN");
                    assertThat(body.getJsonArray("degraded")).containsExactly("asterisk cti@pbx:5038 is DOWN (connection refused)");
                    test.completeNow();
                })));
    }

    @Test
    void health_answers_up_and_unknown_paths_get_a_json_problem(Vertx vertx, VertxTestContext test) {
        int port = Ports.free();
        HttpServerVerticle http = new HttpServerVerticle(new HttpConfig("127.0.0.1", port),
                List.of(new HealthRoutes(List.of(), List.of())));
        WebClient client = WebClient.create(vertx);

        vertx.deployVerticle(http)
                .compose(id -> client.get(port, "127.0.0.1", "/health").send())
                .compose(health -> {
                    test.verify(() -> {
                        assertThat(health.statusCode()).isEqualTo(200);
                        assertThat(health.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP")
                                .put("degraded", new JsonArray()));
                    });
                    return client.get(port, "127.0.0.1", "/no/such/thing").send();
                })
                .onComplete(test.succeeding(missing -> test.verify(() -> {
                    assertThat(missing.statusCode()).isEqualTo(404);
                    assertThat(missing.getHeader("Content-Type")).isEqualTo("application/json");
                    assertThat(missing.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
                    test.completeNow();
                })));
    }
}
