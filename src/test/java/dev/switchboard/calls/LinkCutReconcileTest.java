package dev.switchboard.calls;

import dev.switchboard.sim.QueueLogFileWriter;
import dev.switchboard.sim.Recording;
import dev.switchboard.testing.AsteriskLab;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.QueueLogFigures;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.SharedReplay;
import dev.switchboard.testing.Sql;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real recording plays once, as one Asterisk living its calls, writing its own queue_log as it
 * goes; Switchboard follows it over AMI, and in the middle the AMI link is cut (Asterisk drops its
 * clients and refuses connections for a while), so the events of that stretch are lost. Afterwards
 * the stored calls are the queue_log's: one journey per call, every leg as queue_log tells it,
 * every call ended, and the queue figures those of the queue_log; and the repairs counted show
 * the cut cost AMI something queue_log had to give back. Reading the whole queue_log once more
 * (its saved place deleted, the service restarted) repairs nothing and changes no stored call.
 *
 * <p>Played at speed 1: Asterisk's durations (HoldTime, TalkTime, queue_log's data fields) only
 * agree with its clock at the recorded pace, and Switchboard dates what it missed from them (an
 * answer heard of only by its AgentComplete is dated TalkTime before it; a leg rebuilt from that
 * event joined HoldTime + TalkTime before it). Faster, those dates fall outside what queue_log's
 * times allow for the same stay, and a leg is stored twice for a reason no real Asterisk gives.
 * The recordings play side by side, each to a service of its own, as they spend their time waiting.
 */
@Execution(ExecutionMode.CONCURRENT)
class LinkCutReconcileTest {

    private static final double SPEED = 1;

    @TempDir
    Path dir;

    /**
     * Where each recording's link is cut: just before the given event (its nth), so that event is
     * lost for sure, and for how long the simulated Asterisk refuses connections after.
     */
    static Stream<Arguments> cuts() {
        return Stream.of(
                Arguments.of("answered", "AgentComplete", 1, Duration.ofMillis(1500)),
                Arguments.of("abandon", "QueueCallerAbandon", 1, Duration.ofMillis(1500)),
                Arguments.of("ring-no-answer", "AgentRingNoAnswer", 2, Duration.ofMillis(1500)),
                Arguments.of("overflow", "QueueCallerAbandon", 1, Duration.ofMillis(1500)),
                // 60 calls: cut halfway, for long enough that calls start, wait and end unheard
                Arguments.of("mixed-60", "QueueCallerJoin", 30, Duration.ofSeconds(4)));
    }

    @ParameterizedTest(name = "{0}: cut before {1} #{2}")
    @MethodSource("cuts")
    void the_calls_of_a_stretch_the_link_was_cut_for_are_stored_as_queue_log_tells_them(
            String name, String cutBefore, int nth, Duration away) throws Exception {
        Map<String, AsteriskLab.Queue> conf = AsteriskLab.queues();
        QueueLog expected = QueueLog.read(Recordings.directory().resolve(name + ".queue_log"));
        Map<String, QueueLogFigures.Expected> figures = QueueLogFigures.expected(expected, conf);
        String wrapUps = conf.values().stream().map(q -> q.name() + "=" + q.wrapUpTime())
                .collect(Collectors.joining(","));
        Path queueLog = dir.resolve("queue_log");
        AtomicReference<SharedReplay> replay = new AtomicReference<>();
        try (QueueLogFileWriter writer = new QueueLogFileWriter(queueLog);
             ServiceRig rig = new ServiceRig("link_cut_" + name.replace('-', '_'),
                     Recording.read(Recordings.file(name)).banner(), vertx -> {
                         try {
                             replay.set(SharedReplay.of(vertx, name, SPEED, writer));
                         } catch (IOException e) {
                             throw new UncheckedIOException(e);
                         }
                         return replay.get()::feed;
                     }, Map.of("SWITCHBOARD_QUEUE_LOG", queueLog.toString(), "SWITCHBOARD_QUEUE_LOG_POLL_MS", "200",
                     "SWITCHBOARD_QUEUE_LOG_SETTLE_SECONDS", "1", "SWITCHBOARD_QUEUE_WRAPUP", wrapUps))) {
            SharedReplay asterisk = replay.get();
            asterisk.cutAt(asterisk.msOf(cutBefore, nth) - 5, () -> rig.asterisk.restart(away));
            await().atMost(Duration.ofSeconds(20)).until(asterisk::heard);
            asterisk.start();
            String token = rig.adminToken();

            List<String> recorded = expected.legsByCall().values().stream().flatMap(List::stream)
                    .map(Object::toString).toList();
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(QueueLog.read(queueLog).legsByCall().values().stream().flatMap(List::stream)
                            .map(Object::toString)).as("the queue_log written on the timeline tells the recorded calls")
                            .containsExactlyElementsOf(recorded));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> QueueLogProbe.assertStoredAsQueueLogTells(rig, expected));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertFigures(rig, token, figures, conf));

            assertThat(QueueLogProbe.metric(rig, "switchboard_ami_reconnects_total")).as("the link was cut and came back")
                    .isGreaterThanOrEqualTo(1);
            double repairs = QueueLogProbe.metric(rig, "switchboard_queuelog_repairs_total");
            assertThat(repairs).as("what AMI missed while cut was repaired from queue_log").isPositive();

            // Read from its first line again (no saved place): every leg is held against the stored calls
            // once more, and nothing is repaired, nothing changes.
            double lines = QueueLogProbe.metric(rig, "switchboard_queuelog_lines_total");
            List<JourneyRecord> before = sorted(QueueLogProbe.storedCalls(rig));
            rig.stopService();
            Sql.on(rig.database).execute("DELETE FROM queue_log_readers");
            rig.start();
            await("the queue_log read again from its first line").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() ->
                    QueueLogProbe.metric(rig, "switchboard_queuelog_lines_total") >= 2 * lines);
            await("no repair on the second pass").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(500)).until(() -> QueueLogProbe.metric(rig, "switchboard_queuelog_repairs_total")
                            == repairs);
            assertThat(sorted(QueueLogProbe.storedCalls(rig))).as("the calls after a second pass").isEqualTo(before);
        }
    }

    private static void assertFigures(ServiceRig rig, String token, Map<String, QueueLogFigures.Expected> expected,
                                      Map<String, AsteriskLab.Queue> conf) {
        Map<String, JsonObject> queues = rig.get("/api/queues?period=today", token).bodyAsJsonArray().stream()
                .map(JsonObject.class::cast).collect(Collectors.toMap(q -> q.getString("name"), q -> q));
        expected.forEach((queue, x) -> {
            JsonObject q = queues.get(queue);
            String as = queue + ": " + q.encode();
            assertThat(q.getInteger("targetSeconds")).as(as).isEqualTo(conf.get(queue).serviceLevel());
            QueueLogFigures.assertFiguresAgree(as, q, x);
        });
    }

    private static List<JourneyRecord> sorted(List<JourneyRecord> journeys) {
        return journeys.stream().sorted(Comparator.comparing(JourneyRecord::linkedid)).toList();
    }
}
