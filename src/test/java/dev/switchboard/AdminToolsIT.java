package dev.switchboard;

import dev.switchboard.testing.JarProcess;
import dev.switchboard.testing.Ports;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static dev.switchboard.testing.JarProcess.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's tools on the packaged jar: its version, and the password reset for an admin who
 * lost the one printed at the first start — with the service running and with it stopped — and a
 * second service refused on a data directory that is in use.
 */
class AdminToolsIT {

    private static final String FIRST_PASSWORD_LINE = "Initial password of user 'admin' (shown only now): ";
    private static final String NEW_PASSWORD_LINE = "New password of user 'admin' (shown only now): ";

    private final Path dataDir = Path.of("target", "it-data", "admin-" + System.nanoTime()).toAbsolutePath();
    private final int httpPort = Ports.free();
    private final Map<String, String> env = Map.of(
            "SWITCHBOARD_DATA_DIR", dataDir.toString(),
            "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
            "SWITCHBOARD_HTTP_PORT", String.valueOf(httpPort),
            "SWITCHBOARD_AGI_PORT", String.valueOf(Ports.free()),
            "SWITCHBOARD_DEMO_ACCOUNTS", "20");

    @Test
    void the_jar_tells_its_version() throws Exception {
        try (JarProcess version = JarProcess.start(Map.of(), "--version")) {
            assertThat(version.awaitExit(seconds(30))).isZero();
            assertThat(version.stdout()).singleElement().asString().matches("Switchboard \\d+\\.\\d+\\.\\d+\\S* \\(Java .*\\)");
        }
    }

    @Test
    void a_lost_admin_password_is_reset_from_the_command_line_whether_the_service_runs_or_not() throws Exception {
        String newPassword;
        try (JarProcess service = JarProcess.start(env)) {
            service.awaitLine("Switchboard is up", seconds(120));
            String firstPassword = passwordFrom(service, FIRST_PASSWORD_LINE);
            String oldToken = login(firstPassword).orElseThrow();

            try (JarProcess reset = JarProcess.start(env, "admin", "reset-password", "admin")) {
                assertThat(reset.awaitExit(seconds(60))).as(String.join("\n", reset.stdout())).isZero();
                newPassword = passwordFrom(reset, NEW_PASSWORD_LINE);
            }
            assertThat(login(firstPassword)).as("the lost password no longer works").isEmpty();
            assertThat(JarProcess.send(httpPort, "GET", "/api/calls", oldToken, null).statusCode())
                    .as("sessions made with it have ended").isEqualTo(401);
            assertThat(login(newPassword)).isPresent();

            try (JarProcess nobody = JarProcess.start(env, "admin", "reset-password", "nobody")) {
                assertThat(nobody.awaitExit(seconds(60))).isEqualTo(1);
                assertThat(nobody.stderr()).contains("switchboard admin: There is no user nobody.");
            }
            try (JarProcess second = JarProcess.start(env)) {
                assertThat(second.awaitExit(seconds(60))).isEqualTo(78);
                assertThat(String.join("\n", second.stderr())).contains("another Switchboard (pid")
                        .contains("is running on the data directory " + dataDir);
            }
            assertThat(JarProcess.send(httpPort, "GET", "/ready", null, null).statusCode())
                    .as("the running service's database was left alone").isEqualTo(200);
            service.terminate();
            service.awaitExit(seconds(60));
        }

        try (JarProcess reset = JarProcess.start(env, "admin", "reset-password", "ADMIN")) {
            assertThat(reset.awaitExit(seconds(120))).as(String.join("\n", reset.stdout())).isZero();
            newPassword = passwordFrom(reset, NEW_PASSWORD_LINE);
        }
        assertThat(JarProcess.processesMentioning(dataDir.toString())).as("the tool stopped the database it started")
                .isEmpty();
        try (JarProcess again = JarProcess.start(env)) {
            again.awaitLine("Switchboard is up", seconds(120));
            assertThat(login(newPassword)).isPresent();
            again.terminate();
            again.awaitExit(seconds(60));
        }
    }

    private static String passwordFrom(JarProcess process, String prefix) {
        return process.stdout().stream().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> line.substring(prefix.length()).trim())
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in " + process.stdout()));
    }

    private java.util.Optional<String> login(String password) throws Exception {
        HttpResponse<String> response = JarProcess.send(httpPort, "POST", "/api/login", null,
                new JsonObject().put("username", "admin").put("password", password));
        return response.statusCode() == 200
                ? java.util.Optional.of(new JsonObject(response.body()).getString("token"))
                : java.util.Optional.empty();
    }
}
