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

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole start-up chain in one process, against a real MariaDB. */
class SwitchboardStartTest {

    private final PrometheusMeterRegistry registry = VertxFactory.newRegistry();
    private final Vertx vertx = VertxFactory.withMetrics(registry);

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    private static SwitchboardConfig configFor(ConnectionSettings db, int httpPort) {
        return ConfigParser.parse(new JsonObject(), Map.of(
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_HTTP_PORT", String.valueOf(httpPort),
                "SWITCHBOARD_DB_URL", db.jdbcUrl(),
                "SWITCHBOARD_DB_USER", db.user(),
                "SWITCHBOARD_DB_PASSWORD", db.password(),
                "SWITCHBOARD_AGI_PORT", String.valueOf(Ports.free())), "test");
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
