package dev.switchboard.calls;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.sim.QueueLogFileWriter;
import dev.switchboard.sim.SharedCallCentre;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static dev.switchboard.calls.QueueLogProbe.assertStoredAsQueueLogTells;
import static dev.switchboard.calls.QueueLogProbe.legCount;
import static dev.switchboard.calls.QueueLogProbe.metric;
import static dev.switchboard.calls.QueueLogProbe.storedLegs;
import static dev.switchboard.calls.QueueLogProbe.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lines that are not queue_log lines land in the live file between the calls, some while
 * Switchboard follows it and some while it is stopped. Each is skipped, counted and logged with
 * where it starts; every real call is still stored as queue_log tells it; the service stays up.
 */
class MalformedQueueLogLineTest {

    @TempDir
    Path dir;

    /** Appends {@code bytes} and a newline as one write between the call centre's lines; where it starts. */
    private static long appendRaw(QueueLogFileWriter writer, byte[] bytes) throws IOException {
        synchronized (writer) {
            long offset = Files.size(writer.file());
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            line.write(bytes);
            line.write('\n');
            Files.write(writer.file(), line.toByteArray(), StandardOpenOption.APPEND);
            return offset;
        }
    }

    private static long append(QueueLogFileWriter writer, String text) throws IOException {
        return appendRaw(writer, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The file without the lines starting at {@code skipped}, for the oracle. */
    private static Path without(Path file, Set<Long> skipped, Path into) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<String> kept = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                if (!skipped.contains((long) start)) {
                    kept.add(new String(all, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return Files.write(into, kept);
    }

    @Test
    void bad_lines_are_skipped_counted_and_logged_and_every_call_is_still_reconciled() throws Exception {
        Path queueLog = dir.resolve("queue_log");
        AtomicReference<SharedCallCentre> centre = new AtomicReference<>();
        ListAppender<ILoggingEvent> logged = QueueLogProbe.captureLog();
        try (QueueLogFileWriter writer = new QueueLogFileWriter(queueLog);
             ServiceRig rig = new ServiceRig("queue_log_malformed", "Asterisk Call Manager/9.0.0", vertx -> {
                 centre.set(new SharedCallCentre(vertx, QueueLogProbe.busyCallCentre(44L), 36, writer));
                 return centre.get()::feed;
             }, QueueLogProbe.following(queueLog))) {
            centre.get().start();
            QueueLogProbe.awaitCallsEnded(centre.get(), 2);
            long garbage = append(writer, "garbage");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> metric(rig, "switchboard_queuelog_lines_malformed_total") >= 1);
            QueueLogProbe.awaitCallsEnded(centre.get(), 2);
            long tooFewFields = append(writer, "123|x");
            QueueLogProbe.awaitCallsEnded(centre.get(), 2);
            rig.stopService();
            QueueLogProbe.awaitCallsEnded(centre.get(), 1);
            long notATime = append(writer, "soon|1700000000.9|support|NONE|ENTERQUEUE||07700900123|1");
            QueueLogProbe.awaitCallsEnded(centre.get(), 1);
            long binary = appendRaw(writer, new byte[]{0x00, 0x01, (byte) 0xff, (byte) 0xfe, '|', 'x'});
            QueueLogProbe.awaitCallsEnded(centre.get(), 4);
            rig.start();

            await().atMost(Duration.ofSeconds(120)).until(() -> centre.get().finishedCalls().size() == 36);
            QueueLog expected = QueueLog.read(without(queueLog, Set.of(garbage, tooFewFields, notATime, binary),
                    dir.resolve("clean")));
            QueueLogProbe.awaitQuietly(Duration.ofSeconds(30), () -> storedLegs(rig).size() >= legCount(expected)
                    && Sql.on(rig.database).count("SELECT COUNT(*) FROM call_legs WHERE outcome IS NULL") == 0);
            assertStoredAsQueueLogTells(rig, expected);
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_legs WHERE joined_source = 'queue_log'"))
                    .as("legs only queue_log told of: reconciliation was needed").isPositive();

            assertThat(metric(rig, "switchboard_queuelog_lines_malformed_total")).as("each bad line, at least once")
                    .isGreaterThanOrEqualTo(4);
            List<String> warned = warnings(logged);
            assertThat(warned).anySatisfy(w -> assertThat(w).startsWith("Skipped a line of ")
                    .contains("'s queue_log " + queueLog + " at byte " + garbage + ": fewer than")
                    .endsWith("(garbage)"));
            assertThat(warned).filteredOn(w -> w.startsWith("Skipped a line"))
                    .as("logged once a minute at most: the first bad line read after each start")
                    .hasSize(2).allSatisfy(w -> assertThat(w).matches("Skipped a line of .*'s queue_log "
                            + java.util.regex.Pattern.quote(queueLog.toString()) + " at byte (" + garbage + "|"
                            + tooFewFields + "|" + notATime + "|" + binary + "): .*"));
            assertThat(rig.get("/ready", null).statusCode()).isEqualTo(200);
            assertThat(QueueLogProbe.file(rig).getString("state")).isEqualTo("FOLLOWING");
            assertThat(QueueLogProbe.health(rig).getJsonArray("degraded").encode()).doesNotContain("queue_log");
        } finally {
            QueueLogProbe.release(logged);
        }
    }
}
