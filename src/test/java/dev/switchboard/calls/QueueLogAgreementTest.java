package dev.switchboard.calls;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.sim.QueueLogFileWriter;
import dev.switchboard.sim.QueueLogSink;
import dev.switchboard.sim.SharedCallCentre;
import dev.switchboard.testing.ServiceRig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static dev.switchboard.calls.QueueLogProbe.file;
import static dev.switchboard.calls.QueueLogProbe.metric;
import static dev.switchboard.calls.QueueLogProbe.storedLegs;
import static dev.switchboard.calls.QueueLogProbe.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Switchboard listens to AMI throughout, so every queue leg is checked against queue_log, not
 * repaired. Traffic as Asterisk logs it agrees with AMI: no disagreement. Then one abandon is
 * written to the queue_log as a timeout with 5 s more hold: exactly that outcome and that hold are
 * counted and logged as disagreements, naming the call, and the stored call stays as AMI told it.
 */
class QueueLogAgreementTest {

    private static final String DISAGREEMENTS = "switchboard_queuelog_disagreements_total";

    @TempDir
    Path dir;

    @Test
    void covered_traffic_agrees_and_a_doctored_abandon_is_a_disagreement_on_outcome_and_hold_only() throws Exception {
        Path queueLog = dir.resolve("queue_log");
        AtomicBoolean doctor = new AtomicBoolean();
        AtomicReference<String> original = new AtomicReference<>();
        AtomicReference<SharedCallCentre> centre = new AtomicReference<>();
        ListAppender<ILoggingEvent> logged = QueueLogProbe.captureLog();
        try (QueueLogFileWriter writer = new QueueLogFileWriter(queueLog);
             ServiceRig rig = new ServiceRig("queue_log_agreement", "Asterisk Call Manager/9.0.0", vertx -> {
                 QueueLogSink doctoring = line -> {
                     String[] f = line.split("\\|", -1);
                     if (doctor.get() && f[4].equals("ABANDON") && original.compareAndSet(null, line)) {
                         f[4] = "EXITWITHTIMEOUT";
                         f[7] = String.valueOf(Long.parseLong(f[7]) + 5);
                         writer.append(String.join("|", f));
                     } else {
                         writer.append(line);
                     }
                 };
                 centre.set(new SharedCallCentre(vertx, QueueLogProbe.busyCallCentre(58L), 40, doctoring));
                 return centre.get()::feed;
             }, QueueLogProbe.following(queueLog))) {
            centre.get().start();
            await().atMost(Duration.ofSeconds(60)).until(() -> centre.get().finishedCalls().size() >= 15);
            await().atMost(Duration.ofSeconds(15)).until(() -> file(rig).getLong("checked") >= 10);
            assertThat(metric(rig, "switchboard_queuelog_lines_total")).isGreaterThan(50);
            assertThat(metric(rig, DISAGREEMENTS)).as("AMI heard throughout and agrees").isZero();
            assertThat(metric(rig, "switchboard_queuelog_repairs_total")).as("nothing to repair").isZero();
            assertThat(file(rig).getLong("disagreements")).isZero();

            doctor.set(true);
            await().atMost(Duration.ofSeconds(120)).until(() -> centre.get().finishedCalls().size() == 40);
            assertThat(original.get()).as("an abandon came after the doctoring began").isNotNull();
            String[] abandon = original.get().split("\\|", -1);
            String callid = abandon[1];
            String queue = abandon[2];
            await().atMost(Duration.ofSeconds(20)).until(() -> metric(rig, DISAGREEMENTS, "field=\"outcome\"") == 1
                    && metric(rig, DISAGREEMENTS, "field=\"hold\"") == 1);
            allReadAndSettled(rig, queueLog);

            assertThat(metric(rig, DISAGREEMENTS)).as("outcome and hold, nothing else").isEqualTo(2);
            assertThat(metric(rig, "switchboard_queuelog_repairs_total")).isZero();
            JsonObject view = file(rig);
            assertThat(view.getLong("disagreements")).isEqualTo(2);
            assertThat(view.getString("lastDisagreement")).isEqualTo("call " + callid + " in " + queue + ": hold AMI="
                    + abandon[7] + " queue_log=" + (Long.parseLong(abandon[7]) + 5));
            assertThat(warnings(logged)).filteredOn(w -> w.contains("disagree")).singleElement()
                    .isEqualTo("queue_log and AMI of " + view.getString("server") + " disagree on call " + callid
                            + " in " + queue + ": outcome AMI=abandoned queue_log=timeout");

            LegRecord leg = storedLegs(rig).stream().filter(l -> l.uniqueid().equals(callid) && l.queue().equals(queue))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(leg.outcome()).as("AMI's outcome kept").isEqualTo(LegOutcome.ABANDONED);
            assertThat(leg.outcomeSource()).isEqualTo(FactSource.AMI);
            assertThat((double) leg.holdSeconds()).as("AMI's hold kept").isCloseTo(Long.parseLong(abandon[7]), within(1.0));
            assertThat(leg.joinedSource()).isEqualTo(FactSource.AMI);
        } finally {
            QueueLogProbe.release(logged);
        }
    }

    /** The whole file read, and every leg it decided held against AMI (none pending): once the calls are over. */
    private static void allReadAndSettled(ServiceRig rig, Path queueLog) {
        await().atMost(Duration.ofSeconds(15)).until(() -> file(rig).getLong("offset") == Files.size(queueLog)
                && file(rig).getInteger("pending") == 0);
    }
}
