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
import java.util.Set;

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
        RingRecord ring = new RingRecord(1, "Alice", "PJSIP/1001", start.plusSeconds(20), "answered", 4_000L,
                FactSource.AMI);
        LegRecord leg = new LegRecord(1, linkedid, "support", start.plusSeconds(12), 1, 1, LegOutcome.ANSWERED,
                start.plusSeconds(24), 12L, 4L, 95L, "Alice", "PJSIP/1001", 0, "agent", List.of(ring),
                FactSource.RESYNC, FactSource.AMI);
        return new JourneyRecord("pbx@10.0.0.5:5038", linkedid, "+14155550101", "Ada", "10042", start, 12L,
                start.plusSeconds(119), List.of(leg), FactSource.AMI, FactSource.AMI, Set.of(linkedid, linkedid + "1"));
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
    void a_journey_spilled_by_the_version_before_sources_reads_back_with_every_fact_from_ami() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("journeys-00000000000000000001-000000001.jsonl"), """
                {"linkedid":"1700000000.1","server":"pbx@10.0.0.5:5038","callerNumber":"+14155550101",\
                "callerName":"Ada","account":"10042","startedAt":"2026-11-23T09:00:00Z","ivrSeconds":12,\
                "endedAt":"2026-11-23T09:01:59Z","legs":[{"legNo":1,"queue":"support",\
                "joinedAt":"2026-11-23T09:00:12Z","position":1,"originalPosition":1,"outcome":"answered",\
                "leftAt":"2026-11-23T09:00:24Z","holdSeconds":12,"ringSeconds":4,"agent":"Alice",\
                "agentInterface":"PJSIP/1001","talkSeconds":95,"completedBy":"agent","ringNoAnswers":0,\
                "rings":[{"ringNo":1,"agent":"Alice","agentInterface":"PJSIP/1001","at":"2026-11-23T09:00:20Z",\
                "outcome":"answered","ringMs":4000}],"uniqueid":"1700000000.1"},{"legNo":2,"queue":"billing",\
                "joinedAt":"2026-11-23T09:01:00Z","position":1,"originalPosition":1,"outcome":null,\
                "leftAt":null,"holdSeconds":null,"ringSeconds":null,"agent":null,"agentInterface":null,\
                "talkSeconds":null,"completedBy":null,"ringNoAnswers":0,"rings":[],"uniqueid":"1700000000.1"}]}
                """);
        JourneySpill spill = new JourneySpill(dir);

        JourneyRecord call = spill.read(spill.files().get(0)).get(0);

        assertThat(call.source()).isEqualTo(FactSource.AMI);
        assertThat(call.endedSource()).isEqualTo(FactSource.AMI);
        LegRecord answered = call.legs().get(0);
        assertThat(answered.joinedSource()).isEqualTo(FactSource.AMI);
        assertThat(answered.outcomeSource()).isEqualTo(FactSource.AMI);
        assertThat(answered.rings().get(0).source()).isEqualTo(FactSource.AMI);
        LegRecord waiting = call.legs().get(1);
        assertThat(waiting.joinedSource()).isEqualTo(FactSource.AMI);
        assertThat(waiting.outcomeSource()).as("no outcome yet, so no source of it").isNull();
        assertThat(call.channels()).isEmpty();
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
