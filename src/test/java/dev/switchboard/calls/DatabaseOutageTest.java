package dev.switchboard.calls;

import dev.switchboard.sim.GeneratorFeed;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.store.EmbeddedDatabase;
import dev.switchboard.telephony.LinkState;
import dev.switchboard.testing.CallRig;
import dev.switchboard.testing.CallsMade;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.Sql;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB stops for 30 s while calls keep coming: the calls are followed all along, the unsaved
 * ones beyond the in-memory bound go to files, and once the database is back every call the
 * simulated Asterisk made is stored exactly once and the files are gone.
 */
class DatabaseOutageTest {

    private static final int HELD_IN_MEMORY = 5;
    private static final int CALLS = 50;

    private final Vertx vertx = Vertx.vertx();
    private final CallsMade made = new CallsMade();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    /** Two calls a second for 25 s, each a few seconds long. */
    private static TrafficProfile traffic() {
        return new TrafficProfile(List.of(new TrafficProfile.QueueSpec("support", 20, 1, 0, null)), 10, 2,
                new int[]{1, 1}, 0.5, 0, new int[]{60, 60}, new int[]{1, 1}, 0, new int[]{2, 4}, 1, 0,
                new int[]{1, 1}, 100, 23);
    }

    @Test
    @Timeout(240)
    void calls_made_while_the_database_is_stopped_for_30_seconds_are_all_stored_once_it_is_back() throws Exception {
        Path home = Path.of("target", "outage-" + System.nanoTime());
        int port = Ports.free();
        EmbeddedDatabase server = EmbeddedDatabase.start(home, port, 64, 10);
        server.createDatabase("outage");
        JourneySpill spill = new JourneySpill(home.resolve("unsaved-calls"));
        try (CallRig rig = CallRig.start(vertx, "Asterisk Call Manager/9.0.0",
                () -> made.watch(new GeneratorFeed(vertx, traffic(), CALLS)), server.database("outage"), spill,
                HELD_IN_MEMORY)) {
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            rig.awaitStored(journeys -> journeys.size() >= 3, Duration.ofSeconds(20));

            server.stop();
            long stoppedAt = System.nanoTime();
            double mostUnsaved = 0;
            while (System.nanoTime() - stoppedAt < Duration.ofSeconds(30).toNanos()) {
                mostUnsaved = Math.max(mostUnsaved, rig.gauge("switchboard.calls.unsaved"));
                Thread.sleep(200);
            }
            assertThat(rig.gauge("switchboard.calls.spill.files")).as("files waiting").isPositive();
            assertThat(spill.files()).isNotEmpty();
            assertThat(mostUnsaved).as("unsaved calls held in memory at most")
                    .isLessThanOrEqualTo(HELD_IN_MEMORY + 20);
            long madeDuringTheOutage = made.linkedids().size();

            server = EmbeddedDatabase.start(home, port, 64, 10);
            rig.awaitFeedStored(Duration.ofSeconds(120)); // within the pool's connection lifetime

            List<JourneyRecord> stored = rig.storedJourneys();
            assertThat(new TreeSet<>(stored.stream().map(JourneyRecord::linkedid).toList()))
                    .isEqualTo(made.linkedids());
            assertThat(made.linkedids()).hasSize(CALLS).hasSizeGreaterThan((int) Math.min(madeDuringTheOutage, 3));
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_journeys")).isEqualTo(CALLS);
            assertThat(stored).allMatch(j -> j.endedAt() != null, "every call ended");
            assertThat(spill.files()).isEmpty();
            assertThat(rig.gauge("switchboard.calls.spill.files")).isZero();
        } finally {
            server.stop();
        }
    }
}
