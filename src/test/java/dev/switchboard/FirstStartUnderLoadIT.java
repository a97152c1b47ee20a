package dev.switchboard;

import dev.switchboard.testing.JarProcess;
import dev.switchboard.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.switchboard.testing.JarProcess.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first start of the jar on a fresh data directory, on a machine whose two cores are busy with
 * other work: creating the embedded database then takes far longer than on an idle machine (it
 * took more than the library's 30 s), and the service must still come up.
 */
class FirstStartUnderLoadIT {

    private final List<Process> burners = new ArrayList<>();

    @AfterEach
    void stopBurning() {
        burners.forEach(Process::destroyForcibly);
    }

    @Test
    void a_first_start_with_both_cores_busy_becomes_ready() throws Exception {
        for (int i = 0; i < 2; i++) {
            burners.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
        }
        Path dataDir = Path.of("target", "it-data", "first-start-" + System.nanoTime()).toAbsolutePath();
        int httpPort = Ports.free();
        Map<String, String> env = Map.of(
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_HTTP_PORT", String.valueOf(httpPort),
                "SWITCHBOARD_AGI_PORT", String.valueOf(Ports.free()),
                "SWITCHBOARD_DEMO_ACCOUNTS", "200");

        try (JarProcess first = JarProcess.start(env)) {
            first.awaitLine("Switchboard is up", seconds(360));
            assertThat(burners).as("the machine stayed busy throughout").allMatch(Process::isAlive);
            assertThat(first.stdout()).anyMatch(line -> line.contains("Creating a new embedded database"));
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            first.terminate();
            first.awaitExit(seconds(60));
        }
        assertThat(JarProcess.processesMentioning(dataDir.toString())).as("no database left running").isEmpty();
    }
}
