package dev.switchboard.calls;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.telephony.LinkState;
import dev.switchboard.testing.CallRig;
import dev.switchboard.testing.ScriptedFeed;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Journeys kept on disk while the database is away: written whole, read back the same, stored first after a restart. */
class JourneySpillTest {

    private final Vertx vertx = Vertx.vertx();
    private final Path dir = Path.of("target", "spill-test-" + System.nanoTime());

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    private static JourneyRecord answeredCall(String linkedid) {
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        RingRecord ring = new RingRecord(1, "Alice", "PJSIP/1001", start.plusSeconds(20), "answered", 4_000L);
        LegRecord leg = new LegRecord(1, linkedid, "support", start.plusSeconds(12), 1, 1, LegOutcome.ANSWERED,
                start.plusSeconds(24), 12L, 4L, 95L, "Alice", "PJSIP/1001", 0, "agent", List.of(ring));
        return new JourneyRecord("pbx@10.0.0.5:5038", linkedid, "+14155550101", "Ada", "10042", start, 12L,
                start.plusSeconds(119), List.of(leg));
    }

    @Test
    void a_spilled_journey_reads_back_exactly_as_it_was_written_and_files_come_back_in_order() throws Exception {
        JourneySpill spill = new JourneySpill(dir);
        spill.write(List.of(answeredCall("1700000000.1"), answeredCall("1700000000.2")));
        spill.write(List.of(answeredCall("1700000000.3")));

        List<Path> files = spill.files();
        assertThat(files).hasSize(2);
        assertThat(spill.read(files.get(0))).containsExactly(answeredCall("1700000000.1"), answeredCall("1700000000.2"));
        assertThat(spill.read(files.get(1))).containsExactly(answeredCall("1700000000.3"));
    }

    @Test
    void a_half_written_file_is_dropped_and_an_unreadable_one_is_refused_with_its_line() throws Exception {
        JourneySpill spill = new JourneySpill(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("journeys-00000000000000000001-000000001.partial"), "{\"linkedid\":");
        Files.writeString(dir.resolve("journeys-00000000000000000002-000000001.jsonl"), "{\"linkedid\": 5}\n");

        List<Path> files = spill.files();
        assertThat(files).hasSize(1);
        assertThat(dir.resolve("journeys-00000000000000000001-000000001.partial")).doesNotExist();
        assertThatThrownBy(() -> spill.read(files.get(0))).hasMessageContaining("line 1 is not a journey");
        spill.setAside(files.get(0));
        assertThat(spill.files()).isEmpty();
        assertThat(dir.resolve("journeys-00000000000000000002-000000001.jsonl.unreadable")).exists();
    }

    @Test
    void journeys_an_earlier_run_left_on_disk_are_stored_as_soon_as_the_database_is_reached() throws Exception {
        JourneySpill spill = new JourneySpill(dir);
        spill.write(List.of(answeredCall("1700000000.1"), answeredCall("1700000000.2")));

        try (CallRig rig = CallRig.start(vertx, "Asterisk Call Manager/9.0.0",
                () -> ScriptedFeed.onLogin(Map.<String, List<AmiMessage>>of(), List.of()),
                dev.switchboard.testing.TestMariaDb.freshDatabase("spill_left"), spill, 100)) {
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            rig.settle();

            assertThat(rig.storedJourneys()).containsExactlyInAnyOrder(answeredCall("1700000000.1"),
                    answeredCall("1700000000.2"));
            assertThat(spill.files()).isEmpty();
        }
    }
}
