package dev.switchboard.bench;

import dev.switchboard.cli.BenchCommand;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark command at its smallest: every part runs, every correctness check passes, and
 * the report says so in Markdown and JSON. (Its speed figures are not checked here.)
 */
class BenchmarkQuickTest {

    @Test
    void a_quick_run_passes_every_check_and_writes_both_reports() throws Exception {
        Path out = Path.of("target", "bench-test-" + System.nanoTime()).toAbsolutePath();

        int exit = new BenchCommand().run(List.of("--quick", "--out", out.toString()));

        String markdown = Files.readString(out.resolve("report.md"));
        assertThat(exit).as(markdown).isZero();
        assertThat(markdown).contains("## Ingestion", "## Pop and wallboard latency", "## Scale", "## Memory",
                "## Load", "## Booking", "All checks passed.").doesNotContain("FAILED");
        JsonObject json = new JsonObject(Files.readString(out.resolve("report.json")));
        assertThat(json.getBoolean("passed")).isTrue();
        assertThat(json.getJsonObject("parts").fieldNames()).containsExactlyInAnyOrder("Ingestion",
                "Pop and wallboard latency", "Scale", "Memory", "Load", "Booking");
        assertThat(json.getJsonObject("parts").getJsonObject("Booking").getLong("booked")).isEqualTo(20);
        assertThat(json.getJsonArray("checks")).hasSizeGreaterThanOrEqualTo(16);
        JsonObject load = json.getJsonObject("parts").getJsonObject("Load");
        assertThat(load.getLong("callsChecked")).as("the load part compared calls with the store").isPositive();
        assertThat(load.getLong("rings")).isPositive().isEqualTo(load.getLong("pops"));
        assertThat(load.getJsonArray("samples")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(out.resolve("data")).as("the benchmark's database is removed afterwards").doesNotExist();
    }
}
