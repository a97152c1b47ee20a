package dev.switchboard;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.testing.JarProcess;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.TestMariaDb;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.switchboard.testing.JarProcess.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A configuration the service cannot run with ends it within seconds, non-zero, with one line on
 * stderr naming what to fix, and nothing left running.
 */
class BadConfigIT {

    private final Path dataDir = Path.of("target", "it-data", "bad-" + System.nanoTime()).toAbsolutePath();

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
            "SWITCHBOARD_AGI_PORT", String.valueOf(Ports.free()),
                "SWITCHBOARD_HTTP_PORT", String.valueOf(Ports.free())));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /**
     * The refusal line; the process must have exited non-zero. Generous time: where the embedded
     * database starts first, unpacking and installing it can take long on a loaded machine.
     */
    private static String refusal(JarProcess process) throws InterruptedException {
        int exit = process.awaitExit(seconds(90));
        assertThat(exit).isNotZero();
        List<String> stderr = process.stderr();
        assertThat(stderr).as("one line on stderr").hasSize(1);
        return stderr.get(0);
    }

    @Test
    void an_unknown_key_in_the_config_file_is_named() throws Exception {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("switchboard.json");
        Files.writeString(file, "{\"htpp\": {\"port\": 8080}}");

        try (JarProcess p = JarProcess.start(env(), "serve", "--config", file.toString())) {
            assertThat(refusal(p)).startsWith("switchboard: cannot serve: unknown setting 'htpp.port'");
        }
    }

    @Test
    void a_bad_port_names_the_variable() throws Exception {
        try (JarProcess p = JarProcess.start(env("SWITCHBOARD_HTTP_PORT", "70000"))) {
            assertThat(refusal(p)).contains("SWITCHBOARD_HTTP_PORT must be a TCP port from 1 to 65535");
        }
    }

    @Test
    void an_unreachable_external_database_says_where_it_looked() throws Exception {
        String url = "jdbc:mariadb://127.0.0.1:" + Ports.free() + "/switchboard";
        try (JarProcess p = JarProcess.start(env("SWITCHBOARD_DB_URL", url, "SWITCHBOARD_DB_CONNECT_TIMEOUT", "3"))) {
            assertThat(refusal(p)).contains("cannot reach the database at " + url).contains("SWITCHBOARD_DB_URL");
        }
    }

    @Test
    void a_wrong_database_password_names_the_credentials_to_check() throws Exception {
        ConnectionSettings db = TestMariaDb.freshDatabase("badpass");
        try (JarProcess p = JarProcess.start(env("SWITCHBOARD_DB_URL", db.jdbcUrl(),
                "SWITCHBOARD_DB_USER", "root", "SWITCHBOARD_DB_PASSWORD", "not-the-password"))) {
            String line = refusal(p);
            assertThat(line).contains("database refused user 'root'")
                    .contains("SWITCHBOARD_DB_USER and SWITCHBOARD_DB_PASSWORD")
                    .doesNotContain("not-the-password");
            assertThat(String.join("\n", p.stdout())).doesNotContain("not-the-password");
        }
    }

    @Test
    void an_http_port_in_use_stops_the_embedded_database_it_had_already_started() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             JarProcess p = JarProcess.start(env("SWITCHBOARD_HTTP_PORT", String.valueOf(taken.getLocalPort()),
                     "SWITCHBOARD_DEMO_SEED", "false"))) {
            assertThat(refusal(p)).contains("cannot listen for HTTP").contains("set SWITCHBOARD_HTTP_PORT to a free port");
            assertThat(p.stdout()).anyMatch(line -> line.contains("Embedded MariaDB ready"));
        }
        assertThat(JarProcess.processesMentioning(dataDir.toString())).as("no orphan mariadbd").isEmpty();
    }
}
