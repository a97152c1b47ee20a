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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * every call ended, and the queue figures (today, the rolling hour, the 15-minute intervals) those
 * of the queue_log; and the repairs counted show the cut cost AMI something queue_log had to give
 * back. The longest recording is also played with Switchboard itself stopped for 10 s in the middle
 * and started again on the same database. Reading the whole queue_log once more
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
                Arguments.of("answered", "AgentComplete", 1, Duration.ofMillis(1500), Gap.LINK_CUT),
                Arguments.of("abandon", "QueueCallerAbandon", 1, Duration.ofMillis(1500), Gap.LINK_CUT),
                Arguments.of("ring-no-answer", "AgentRingNoAnswer", 2, Duration.ofMillis(1500), Gap.LINK_CUT),
                Arguments.of("overflow", "QueueCallerAbandon", 1, Duration.ofMillis(1500), Gap.LINK_CUT),
                // 60 calls: cut halfway, for long enough that calls start, wait and end unheard
                Arguments.of("mixed-60", "QueueCallerJoin", 30, Duration.ofSeconds(4), Gap.LINK_CUT),
                // the same, with Switchboard itself stopped and started again on the same database
                Arguments.of("mixed-60", "QueueCallerJoin", 30, Duration.ofSeconds(10), Gap.SWITCHBOARD_RESTART));
    }

    /** What leaves Switchboard deaf for a while. */
    enum Gap {
        /** The simulated Asterisk drops its AMI clients and refuses them for a while. */
        LINK_CUT,
        /** Switchboard stops and starts again later, on the same database, as after an upgrade or a crash. */
        SWITCHBOARD_RESTART
    }

    @ParameterizedTest(name = "{0}: {4} before {1} #{2}")
    @MethodSource("cuts")
    void the_calls_of_a_stretch_the_link_was_cut_for_are_stored_as_queue_log_tells_them(
            String name, String cutBefore, int nth, Duration away, Gap gap) throws Exception {
        Map<String, AsteriskLab.Queue> conf = AsteriskLab.queues();
        QueueLog expected = QueueLog.read(Recordings.directory().resolve(name + ".queue_log"));
        Map<String, QueueLogFigures.Expected> figures = QueueLogFigures.expected(expected, conf);
        String wrapUps = conf.values().stream().map(q -> q.name() + "=" + q.wrapUpTime())
                .collect(Collectors.joining(","));
        Path queueLog = dir.resolve("queue_log");
        AtomicReference<SharedReplay> replay = new AtomicReference<>();
        try (QueueLogFileWriter writer = new QueueLogFileWriter(queueLog);
             ServiceRig rig = new ServiceRig("link_cut_" + name.replace('-', '_') + "_" + gap.ordinal(),
                     Recording.read(Recordings.file(name)).banner(), vertx -> {
                         try {
                             replay.set(SharedReplay.of(vertx, name, SPEED, writer));
                         } catch (IOException e) {
                             throw new UncheckedIOException(e);
                         }
                         return replay.get()::feed;
                     }, withWrapUps(QueueLogProbe.following(queueLog), wrapUps))) {
            SharedReplay asterisk = replay.get();
            Thread restart = new Thread(() -> {
                rig.stopService();
                long stoppedAt = asterisk.playedUpTo();
                // the recording plays on while nobody listens
                await().atMost(away.multipliedBy(3)).until(() -> asterisk.playedUpTo() >= stoppedAt + away.toMillis());
                rig.start();
            }, "switchboard-restart");
            asterisk.cutAt(asterisk.msOf(cutBefore, nth) - 5,
                    gap == Gap.LINK_CUT ? () -> rig.asterisk.restart(away) : restart::start);
            await().atMost(Duration.ofSeconds(20)).until(asterisk::heard);
            asterisk.start();
            String token = rig.adminToken();

            List<String> recorded = expected.legsByCall().values().stream().flatMap(List::stream)
                    .map(Object::toString).toList();
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(QueueLog.read(queueLog).legsByCall().values().stream().flatMap(List::stream)
                            .map(Object::toString)).as("the queue_log written on the timeline tells the recorded calls")
                            .containsExactlyElementsOf(recorded));
            if (gap == Gap.SWITCHBOARD_RESTART) {
                restart.join(60_000);
                assertThat(restart.isAlive()).as("Switchboard started again").isFalse();
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> QueueLogProbe.assertStoredAsQueueLogTells(rig, expected));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertFigures(rig, token, figures, conf));
            assertIntervals(rig, token, QueueLog.read(queueLog), conf);

            if (gap == Gap.LINK_CUT) {
                assertThat(QueueLogProbe.metric(rig, "switchboard_ami_reconnects_total"))
                        .as("the link was cut and came back").isGreaterThanOrEqualTo(1);
            }
            double repairs = QueueLogProbe.metric(rig, "switchboard_queuelog_repairs_total");
            assertThat(repairs).as("what AMI missed while cut was repaired from queue_log").isPositive();

            // Read from its first line again (no saved place): every leg is held against the stored calls
            // once more, and nothing is repaired, nothing changes.
            double lines = QueueLogProbe.metric(rig, "switchboard_queuelog_lines_total");
            long fileLines = Files.readAllLines(queueLog).stream().filter(l -> !l.isBlank()).count();
            List<JourneyRecord> before = sorted(QueueLogProbe.storedCalls(rig));
            rig.stopService();
            Sql.on(rig.database).execute("DELETE FROM queue_log_readers");
            rig.start();
            await("the queue_log read again from its first line").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() ->
                    QueueLogProbe.metric(rig, "switchboard_queuelog_lines_total") >= lines + fileLines);
            await("no repair on the second pass").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(500)).until(() -> QueueLogProbe.metric(rig, "switchboard_queuelog_repairs_total")
                            == repairs);
            assertThat(sorted(QueueLogProbe.storedCalls(rig))).as("the calls after a second pass").isEqualTo(before);
        }
    }

    /** Today's figures and the rolling hour's (the whole replay lies in both) are the queue_log's. */
    private static void assertFigures(ServiceRig rig, String token, Map<String, QueueLogFigures.Expected> expected,
                                      Map<String, AsteriskLab.Queue> conf) {
        for (String period : List.of("today", "rolling")) {
            Map<String, JsonObject> queues = rig.get("/api/queues?period=" + period, token).bodyAsJsonArray().stream()
                    .map(JsonObject.class::cast).collect(Collectors.toMap(q -> q.getString("name"), q -> q));
            expected.forEach((queue, x) -> {
                JsonObject q = queues.get(queue);
                String as = period + " " + queue + ": " + q.encode();
                assertThat(q.getInteger("targetSeconds")).as(as).isEqualTo(conf.get(queue).serviceLevel());
                QueueLogFigures.assertFiguresAgree(as, q, x);
            });
        }
    }

    /**
     * The interval report's 15-minute rows are the queue_log's, interval by interval, by the times the
     * queue_log written on the timeline gives (a call stored with an estimated join would land in the
     * wrong row at an interval's edge).
     */
    private static void assertIntervals(ServiceRig rig, String token, QueueLog written,
                                        Map<String, AsteriskLab.Queue> conf) {
        QueueLogFigures.byInterval(written, conf).forEach((queue, expected) -> {
            Map<Instant, JsonObject> rows = new TreeMap<>();
            rig.get("/api/reports/intervals?queue=" + queue, token).bodyAsJsonObject().getJsonArray("intervals")
                    .stream().map(JsonObject.class::cast).filter(row -> row.getLong("offered") > 0)
                    .forEach(row -> rows.put(Instant.parse(row.getString("from")), row));
            assertThat(rows.keySet()).as("intervals of " + queue + " with calls").isEqualTo(expected.keySet());
            expected.forEach((from, x) -> QueueLogFigures.assertFiguresAgree(queue + " from " + from + ": "
                    + rows.get(from).encode(), rows.get(from), x));
        });
    }

    private static Map<String, String> withWrapUps(Map<String, String> settings, String wrapUps) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("SWITCHBOARD_QUEUE_WRAPUP", wrapUps);
        return all;
    }

    private static List<JourneyRecord> sorted(List<JourneyRecord> journeys) {
        return journeys.stream().sorted(Comparator.comparing(JourneyRecord::linkedid)).toList();
    }
}
