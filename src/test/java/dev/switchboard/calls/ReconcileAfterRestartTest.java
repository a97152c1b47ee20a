package dev.switchboard.calls;

import dev.switchboard.sim.QueueLogFileWriter;
import dev.switchboard.sim.SharedCallCentre;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

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

    @Test
    void calls_made_while_switchboard_was_stopped_are_stored_from_the_queue_log() throws Exception {
        Path queueLog = dir.resolve("queue_log");
        AtomicReference<SharedCallCentre> centre = new AtomicReference<>();
        try (QueueLogFileWriter writer = new QueueLogFileWriter(queueLog);
             ServiceRig rig = new ServiceRig("reconcile_restart", "Asterisk Call Manager/9.0.0", vertx -> {
                 centre.set(new SharedCallCentre(vertx, QueueLogProbe.busyCallCentre(22L), 36, writer));
                 return centre.get()::feed;
             }, QueueLogProbe.following(queueLog))) {
            centre.get().start();
            await().atMost(Duration.ofSeconds(60)).until(() -> centre.get().finishedCalls().size() >= 8);
            rig.stopService();
            int endedBeforeTheStop = centre.get().finishedCalls().size();
            // calls go on: some start, wait, are answered or give up while nobody listens
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> centre.get().finishedCalls().size() >= endedBeforeTheStop + 8);
            rig.start();

            await().atMost(Duration.ofSeconds(120)).until(() -> centre.get().finishedCalls().size() == 36);
            QueueLog expected = QueueLog.read(queueLog);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> QueueLogProbe.assertStoredAsQueueLogTells(rig, expected));
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_journeys WHERE ended_at IS NULL"))
                    .as("calls with no end").isZero();
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_legs WHERE joined_source = 'queue_log'"))
                    .as("legs only queue_log told of").isPositive();
        }
    }
}
