package dev.switchboard.calls;

import dev.switchboard.sim.QueueLogFileWriter;
import dev.switchboard.sim.SharedCallCentre;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.testing.LegAgreement;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.store.Database;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Switchboard is stopped in the middle of a call centre's traffic and started again a while later,
 * on the same database. Calls go on meanwhile, and Asterisk writes them to its queue_log as always.
 * Afterwards every call of the queue_log is stored, each leg as queue_log tells it, and none twice.
 */
class ReconcileAfterRestartTest {

    @TempDir
    Path dir;

    /** Two queues, billing sending callers on to support after 8 s; impatient callers, agents who let it ring. */
    private static TrafficProfile busyHalfMinute() {
        return new TrafficProfile(List.of(new TrafficProfile.QueueSpec("support", 20, 0.6, 0, null),
                new TrafficProfile.QueueSpec("billing", 30, 0.4, 8, "support")), 3, 1.2, new int[]{1, 2}, 0.5, 0.1,
                new int[]{3, 25}, new int[]{1, 3}, 0.25, new int[]{3, 9}, 1, 0, new int[]{1, 1}, 50, 22);
    }

    @Test
    void calls_made_while_switchboard_was_stopped_are_stored_from_the_queue_log() throws Exception {
        Path queueLog = dir.resolve("queue_log");
        AtomicReference<SharedCallCentre> centre = new AtomicReference<>();
        try (QueueLogFileWriter writer = new QueueLogFileWriter(queueLog);
             ServiceRig rig = new ServiceRig("reconcile_restart", "Asterisk Call Manager/9.0.0", vertx -> {
                 centre.set(new SharedCallCentre(vertx, busyHalfMinute(), 36, writer));
                 return centre.get()::feed;
             }, Map.of("SWITCHBOARD_QUEUE_LOG", queueLog.toString(), "SWITCHBOARD_QUEUE_LOG_POLL_MS", "200",
                     "SWITCHBOARD_QUEUE_LOG_SETTLE_SECONDS", "1"))) {
            centre.get().start();
            Thread.sleep(12_000);
            rig.stopService();
            Thread.sleep(12_000);
            rig.start();

            await().atMost(Duration.ofSeconds(120)).until(() -> centre.get().finishedCalls().size() == 36);
            QueueLog expected = QueueLog.read(queueLog);
            int legsLogged = expected.legsByCall().values().stream().mapToInt(List::size).sum();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(storedLegs(rig)).as("legs stored").hasSize(legsLogged);
                assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_legs WHERE outcome IS NULL"))
                        .as("legs with no outcome").isZero();
            });
            Map<String, List<LegRecord>> stored = storedLegs(rig).stream()
                    .collect(Collectors.groupingBy(LegRecord::uniqueid));
            assertThat(stored.keySet()).isEqualTo(expected.legsByCall().keySet());
            expected.legsByCall().forEach((callid, legs) -> {
                List<LegRecord> actual = stored.get(callid);
                assertThat(actual).as("legs of " + callid).hasSameSizeAs(legs);
                for (int i = 0; i < legs.size(); i++) {
                    LegAgreement.assertLegAgrees(callid, legs.get(i), actual.get(i));
                }
            });
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_journeys WHERE ended_at IS NULL"))
                    .as("calls with no end").isZero();
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_legs WHERE joined_source = 'queue_log'"))
                    .as("legs only queue_log told of").isPositive();
        }
    }

    private static List<LegRecord> storedLegs(ServiceRig rig) {
        List<LegRecord> legs = new ArrayList<>();
        Pool pool = Database.createPool(rig.vertx, rig.database, 1);
        try {
            new JourneyStore(pool).between(Instant.EPOCH, Instant.now().plusSeconds(3600), 10_000).await()
                    .forEach(j -> legs.addAll(j.legs()));
            return legs;
        } finally {
            pool.close().await();
        }
    }
}
