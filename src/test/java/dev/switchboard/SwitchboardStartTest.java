package dev.switchboard;

import dev.switchboard.config.ConfigParser;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole start-up chain in one process, against a real MariaDB. */
class SwitchboardStartTest {

    private final PrometheusMeterRegistry registry = VertxFactory.newRegistry();
    private final Vertx vertx = VertxFactory.withMetrics(registry);

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    private static SwitchboardConfig configFor(ConnectionSettings db, int httpPort) {
        return configFor(db, httpPort, Map.of());
    }

    private static SwitchboardConfig configFor(ConnectionSettings db, int httpPort, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_HTTP_PORT", String.valueOf(httpPort),
                "SWITCHBOARD_DB_URL", db.jdbcUrl(),
                "SWITCHBOARD_DB_USER", db.user(),
                "SWITCHBOARD_DB_PASSWORD", db.password(),
                "SWITCHBOARD_AGI_PORT", String.valueOf(Ports.free())));
        env.putAll(more);
        return ConfigParser.parse(new JsonObject(), env, "test");
    }

    private JsonObject health(int port) {
        return WebClient.create(vertx).get(port, "127.0.0.1", "/health").send().await().bodyAsJsonObject();
    }

    @Test
    void with_an_external_database_and_no_asterisk_no_demo_call_is_written_and_health_says_why() {
        ConnectionSettings db = TestMariaDb.freshDatabase("nodemo");
        int port = Ports.free();
        Switchboard service = Switchboard.start(vertx, configFor(db, port,
                Map.of("SWITCHBOARD_DEMO_CALLS_PER_MINUTE", "6000")), registry).await();

        JsonObject health = health(port);
        assertThat(health.getJsonObject("asterisk").getJsonArray("links")).as("no simulated Asterisk").isEmpty();
        assertThat(health.getJsonArray("degraded").getString(0)).contains("no Asterisk configured");
        assertThat(health.getJsonArray("degraded").getList()).as("customer messages wait, and /health says so")
                .anyMatch(line -> line.toString().contains("e-mail to customers stays queued"))
                .anyMatch(line -> line.toString().contains("SMS to customers stays queued"));
        assertThat(health.getJsonObject("customerMessages").getString("email")).isEqualTo("not configured");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> Sql.on(db).count("SELECT COUNT(*) FROM call_journeys") == 0);
        service.stop().await();
    }

    @Test
    void demo_traffic_reaches_an_external_database_only_when_asked_for() {
        ConnectionSettings db = TestMariaDb.freshDatabase("askeddemo");
        int port = Ports.free();
        Switchboard service = Switchboard.start(vertx, configFor(db, port,
                Map.of("SWITCHBOARD_DEMO", "true", "SWITCHBOARD_DEMO_CALLS_PER_MINUTE", "6000")), registry).await();

        assertThat(health(port).getJsonObject("asterisk").getJsonArray("links").getJsonObject(0).getString("server"))
                .startsWith("switchboard-demo@");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Sql.on(db).count("SELECT COUNT(*) FROM call_journeys") > 0);
        service.stop().await();
    }

    @Test
    void with_the_only_asterisk_unreachable_the_service_is_ready_and_health_shows_the_link_down() {
        ConnectionSettings db = TestMariaDb.freshDatabase("pbxdown");
        int port = Ports.free();
        int nothingListens = Ports.free();
        Switchboard service = Switchboard.start(vertx, configFor(db, port,
                Map.of("SWITCHBOARD_AMI", "cti:secret@127.0.0.1:" + nothingListens)), registry).await();
        WebClient client = WebClient.create(vertx);

        assertThat(client.get(port, "127.0.0.1", "/ready").send().await().statusCode()).isEqualTo(200);
        JsonObject link = health(port).getJsonObject("asterisk").getJsonArray("links").getJsonObject(0);
        assertThat(link.getString("server")).isEqualTo("cti@127.0.0.1:" + nothingListens);
        assertThat(link.getString("state")).isIn("DOWN", "CONNECTING");
        assertThat(health(port).getJsonArray("degraded").getString(0)).startsWith("asterisk cti@127.0.0.1:" + nothingListens);
        assertThat(registry.get("switchboard.ami.link.up").tag("server", "cti@127.0.0.1:" + nothingListens).gauge().value())
                .isZero();
        service.stop().await();
    }

    @Test
    void an_external_database_is_migrated_and_the_service_reports_ready_with_metrics() throws Throwable {
        ConnectionSettings db = TestMariaDb.freshDatabase("start");
        int port = Ports.free();
        Switchboard service = Switchboard.start(vertx, configFor(db, port), registry).await();
        WebClient client = WebClient.create(vertx);
        VertxTestContext test = new VertxTestContext();

        client.get(port, "127.0.0.1", "/ready").send()
                .compose(ready -> {
                    test.verify(() -> assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200));
                    return client.get(port, "127.0.0.1", "/metrics").send();
                })
                .onComplete(test.succeeding(metrics -> test.verify(() -> {
                    assertThat(metrics.bodyAsString())
                            .contains("vertx_http_server_requests_total")
                            .contains("jvm_memory_used_bytes")
                            .contains("vertx_sql_");
                    test.completeNow();
                })));

        assertThat(test.awaitCompletion(20, TimeUnit.SECONDS)).isTrue();
        if (test.failed()) {
            throw test.causeOfFailure();
        }
        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM flyway_schema_history WHERE success")).isPositive();
        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM accounts"))
                .as("demo data goes only into an embedded database").isZero();
        service.stop().await();
    }

    @Test
    void ready_turns_503_naming_the_database_when_it_is_gone() throws Throwable {
        ConnectionSettings db = TestMariaDb.freshDatabase("gone");
        int port = Ports.free();
        Switchboard service = Switchboard.start(vertx, configFor(db, port), registry).await();
        Sql.on(TestMariaDb.server().database("")).execute("DROP DATABASE " + db.jdbcUrl().substring(db.jdbcUrl().lastIndexOf('/') + 1));
        WebClient client = WebClient.create(vertx);

        var ready = client.get(port, "127.0.0.1", "/ready").send().await();

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.bodyAsJsonObject().getJsonArray("reasons").getJsonObject(0).getString("check"))
                .isEqualTo("database");
        service.stop().await();
    }
}
