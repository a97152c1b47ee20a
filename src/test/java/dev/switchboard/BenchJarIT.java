package dev.switchboard;

import dev.switchboard.testing.JarProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static dev.switchboard.testing.JarProcess.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark told to stop (SIGTERM, as Ctrl-C or a CI timeout sends) leaves no database running. */
class BenchJarIT {

    private final Path out = Path.of("target", "it-data", "bench-" + System.nanoTime()).toAbsolutePath();
    private final String dataDir = out.resolve("data").toString();

    @AfterEach
    void stopWhatTheBenchmarkLeftRunning() {
        JarProcess.processesMentioning(dataDir).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void sigterm_while_the_ingestion_part_runs_stops_its_embedded_mariadb_before_the_jvm_exits() throws Exception {
        try (JarProcess bench = JarProcess.start(Map.of(), "bench", "--quick", "--parts", "ingest", "--out",
                out.toString())) {
            bench.awaitLine("Embedded MariaDB ready", seconds(40));
            assertThat(JarProcess.processesMentioning(dataDir)).as("the benchmark's mariadbd").isNotEmpty();

            bench.terminate();

            assertThat(bench.awaitExit(seconds(30))).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(JarProcess.processesMentioning(dataDir)).as("mariadbd processes naming " + dataDir).isEmpty();
            assertThat(bench.stdout()).as("stopped in order, as serve stops it")
                    .anyMatch(line -> line.contains("Embedded MariaDB stopped"));
        }
    }
}
