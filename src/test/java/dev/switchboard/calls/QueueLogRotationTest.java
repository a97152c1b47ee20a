package dev.switchboard.calls;

import dev.switchboard.sim.QueueLogFileWriter;
import dev.switchboard.sim.SharedCallCentre;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static dev.switchboard.calls.QueueLogProbe.assertStoredAsQueueLogTells;
import static dev.switchboard.calls.QueueLogProbe.legCount;
import static dev.switchboard.calls.QueueLogProbe.metric;
import static dev.switchboard.calls.QueueLogProbe.storedLegs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Asterisk rotates its queue_log once while Switchboard follows it and once while Switchboard is
 * stopped; calls go on throughout. Every call of the three files (queue_log.1, queue_log.0,
 * queue_log) is stored once, as queue_log tells it, and both rotations are counted.
 */
class QueueLogRotationTest {

    @TempDir
    Path dir;

    @Test
    void no_call_is_lost_or_doubled_when_the_file_is_rotated_while_followed_and_while_stopped() throws Exception {
        Path queueLog = dir.resolve("queue_log");
        AtomicReference<SharedCallCentre> centre = new AtomicReference<>();
        try (QueueLogFileWriter writer = new QueueLogFileWriter(queueLog);
             ServiceRig rig = new ServiceRig("queue_log_rotation", "Asterisk Call Manager/9.0.0", vertx -> {
                 centre.set(new SharedCallCentre(vertx, QueueLogProbe.busyCallCentre(31L), 40, writer));
                 return centre.get()::feed;
             }, QueueLogProbe.following(queueLog))) {
            centre.get().start();
            QueueLogProbe.awaitCallsEnded(centre.get(), 3);
            writer.rotate();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> metric(rig, "switchboard_queuelog_rotations_total") == 1);
            QueueLogProbe.awaitCallsEnded(centre.get(), 3);
            rig.stopService();
            writer.rotate();
            QueueLogProbe.awaitCallsEnded(centre.get(), 6); // while nobody listens
            rig.start();

            await().atMost(Duration.ofSeconds(120)).until(() -> centre.get().finishedCalls().size() == 40);
            assertThat(writer.numbered(2)).doesNotExist();
            QueueLog expected = QueueLog.read(QueueLogProbe.joined(dir.resolve("all"), writer.numbered(1),
                    writer.numbered(0), queueLog));
            assertThat(Files.size(writer.numbered(1))).isPositive();
            assertThat(Files.size(writer.numbered(0))).isPositive();
            QueueLogProbe.awaitQuietly(Duration.ofSeconds(30), () -> storedLegs(rig).size() >= legCount(expected)
                    && Sql.on(rig.database).count("SELECT COUNT(*) FROM call_legs WHERE outcome IS NULL") == 0);
            assertStoredAsQueueLogTells(rig, expected);
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_journeys WHERE ended_at IS NULL"))
                    .as("calls with no end").isZero();
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_legs WHERE joined_source = 'queue_log'"))
                    .as("legs only queue_log told of").isPositive();
            assertThat(metric(rig, "switchboard_queuelog_rotations_total")).as("both rotations").isEqualTo(2);
            assertThat(metric(rig, "switchboard_queuelog_lost_bytes_total")).isZero();
            assertThat(metric(rig, "switchboard_queuelog_lines_malformed_total")).isZero();
        }
    }
}
