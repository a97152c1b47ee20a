package dev.switchboard;

import dev.switchboard.config.ConfigParser;
import dev.switchboard.testing.BrowserScript;
import dev.switchboard.testing.Ports;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Quick start, followed word for word: the service started as {@code java -jar
 * target/switchboard.jar} starts it (embedded MariaDB created in an empty data directory, demo
 * data, DEMO traffic from the built-in simulated Asterisk), then in the browser
 * ({@code src/test/browser/quick-start.mjs}) an agent user given queue member Alice and phone
 * Local/1001@agents/n on the admin page, and a DEMO call's pop on their desktop. The only
 * settings are the ones the README names: the admin's password (instead of reading the one printed),
 * and more DEMO calls a minute so that one rings Alice within seconds rather than a minute.
 */
class QuickStartInTheBrowserTest {

    private static final String ADMIN_PASSWORD = "quick start admin password";

    private final PrometheusMeterRegistry registry = VertxFactory.newRegistry();
    private final Vertx vertx = VertxFactory.withMetrics(registry);

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void a_demo_call_pops_for_the_agent_the_readme_says_to_add(@TempDir Path data) throws Exception {
        assertThat(BrowserScript.missing()).as("what the browser test needs").isEmpty();
        int port = Ports.free();
        Switchboard service = Switchboard.start(vertx, ConfigParser.parse(new JsonObject(), Map.of(
                "SWITCHBOARD_DATA_DIR", data.toString(),
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_HTTP_PORT", String.valueOf(port),
                "SWITCHBOARD_AGI_PORT", String.valueOf(Ports.free()),
                "SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "SWITCHBOARD_DEMO_CALLS_PER_MINUTE", "30"), "test"), registry).await();
        try {
            assertThat(service.amiLinks()).as("the DEMO's simulated Asterisk").hasSize(1);
            BrowserScript.Result result = BrowserScript.run("quick-start.mjs", Map.of(
                    "BASE_URL", "http://127.0.0.1:" + port, "ADMIN_PASSWORD", ADMIN_PASSWORD), 120);
            System.out.println(result.output());
            assertThat(result.exitCode()).as("quick-start.mjs's exit code; its output:\n" + result.output()).isZero();
        } finally {
            service.stop().await();
        }
    }
}
