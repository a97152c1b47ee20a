package dev.switchboard;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.testing.JarProcess;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.Sql;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.testing.JarProcess.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, as an operator runs it: fresh data directory, SIGTERM, restart, kill -9. */
class ServeJarIT {

    private final Path dataDir = Path.of("target", "it-data", "serve-" + System.nanoTime()).toAbsolutePath();
    private final int httpPort = Ports.free();
    private final int dbPort = Ports.free();
    private final Map<String, String> env = Map.of(
            "SWITCHBOARD_DATA_DIR", dataDir.toString(),
            "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
            "SWITCHBOARD_AGI_PORT", String.valueOf(Ports.free()),
            "SWITCHBOARD_HTTP_PORT", String.valueOf(httpPort),
            "SWITCHBOARD_DB_EMBEDDED_PORT", String.valueOf(dbPort),
            "SWITCHBOARD_DEMO_ACCOUNTS", "300",
            "SWITCHBOARD_DEMO_CALLS_PER_MINUTE", "600");

    private static final String UP = "Switchboard is up";
    private static final String PASSWORD_LINE = "Initial password of user 'admin' (shown only now): ";
    private String adminPassword;

    @Test
    void a_fresh_start_seeds_demo_data_and_a_restart_after_sigterm_finds_everything_intact() throws Exception {
        try (JarProcess first = JarProcess.start(env)) {
            first.awaitLine(UP, seconds(90));
            assertThat(get("/ready").statusCode()).isEqualTo(200);
            JsonObject health = new JsonObject(get("/health").body());
            assertThat(health.getString("status")).isEqualTo("UP");
            assertThat(health.getJsonObject("asterisk").getJsonArray("links").getJsonObject(0).getString("server"))
                    .as("the DEMO's simulated Asterisk, with the embedded database").startsWith("switchboard-demo@");
            assertThat(get("/").body()).as("the jar serves the UI's log-in page").contains("id=\"login-form\"");
            assertThat(get("/js/agent.js").statusCode()).isEqualTo(200);
            assertThat(first.stdout()).anyMatch(line -> line.contains("DEMO") && line.contains("simulated Asterisk"));
            adminPassword = first.stdout().stream().filter(line -> line.startsWith(PASSWORD_LINE)).findFirst()
                    .map(line -> line.substring(PASSWORD_LINE.length()).trim()).orElseThrow();
            assertThat(awaitDemoCall(login(adminPassword))).as("a DEMO call is served by /api/calls").isTrue();
            Sql db = Sql.on(embedded());
            assertThat(db.count("SELECT COUNT(*) FROM accounts")).isEqualTo(300);
            db.execute("INSERT INTO accounts (account_number, name) VALUES ('99999999', 'Written before SIGTERM')");

            first.terminate();
            assertThat(first.awaitExit(seconds(30))).isIn(0, 143);
            assertThat(first.stdout()).anyMatch(line -> line.contains("Embedded MariaDB stopped"));
        }
        assertThat(JarProcess.processesMentioning(dataDir.toString())).as("no database left running").isEmpty();

        try (JarProcess second = JarProcess.start(env)) {
            second.awaitLine(UP, seconds(90));
            Sql db = Sql.on(embedded());
            assertThat(db.count("SELECT COUNT(*) FROM accounts")).isEqualTo(301);
            assertThat(db.text("SELECT name FROM accounts WHERE account_number = '99999999'"))
                    .isEqualTo("Written before SIGTERM");
            assertThat(second.stdout()).noneMatch(line -> line.contains("writing demo data"))
                    .noneMatch(line -> line.startsWith(PASSWORD_LINE))
                    .anyMatch(line -> line.contains("schema up to date"));
            assertThat(login(adminPassword)).as("the first password still works").isNotBlank();
            second.terminate();
            second.awaitExit(seconds(30));
        }
    }

    @Test
    void after_kill_9_the_next_start_stops_the_orphaned_database_and_carries_on() throws Exception {
        long orphanPid;
        try (JarProcess first = JarProcess.start(env)) {
            first.awaitLine(UP, seconds(90));
            first.kill();
            first.awaitExit(seconds(10));
            List<ProcessHandle> orphans = JarProcess.processesMentioning(dataDir.toString());
            assertThat(orphans).as("mariadbd outlives a SIGKILLed JVM").hasSize(1);
            orphanPid = orphans.get(0).pid();
        }

        try (JarProcess second = JarProcess.start(env)) {
            second.awaitLine(UP, seconds(90));
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(Sql.on(embedded()).count("SELECT COUNT(*) FROM accounts")).isEqualTo(300);
            assertThat(get("/ready").statusCode()).isEqualTo(200);
            second.terminate();
            second.awaitExit(seconds(30));
        }
        assertThat(JarProcess.processesMentioning(dataDir.toString())).isEmpty();
    }

    private ConnectionSettings embedded() throws Exception {
        String password = Files.readString(dataDir.resolve("mariadb").resolve("root-password")).trim();
        return new ConnectionSettings("jdbc:mariadb://127.0.0.1:" + dbPort + "/switchboard", "root", password, 5);
    }

    private String login(String password) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/login"))
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin")
                                .put("password", password).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("token");
    }

    /** Polls /api/calls (10/s, up to 20 s) until the simulated Asterisk's first call is there. */
    private boolean awaitDemoCall(String token) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            HttpResponse<String> calls = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/calls"))
                            .header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (calls.statusCode() == 200 && new JsonArray(calls.body()).stream()
                    .anyMatch(c -> ((JsonObject) c).getString("server").startsWith("switchboard-demo@"))) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
