package dev.switchboard.calls;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.store.Database;
import dev.switchboard.sim.SharedCallCentre;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.testing.LegAgreement;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.ServiceRig;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the queue_log tests read from a running service: its metrics, its /health, its stored legs, its log. */
final class QueueLogProbe {

    private QueueLogProbe() {
    }

    /** Lets the simulated call centre get on with its calls until {@code calls} more of them have ended. */
    static void awaitCallsEnded(SharedCallCentre centre, int calls) {
        int from = centre.finishedCalls().size();
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> centre.finishedCalls().size() >= from + calls);
    }

    /** Switchboard's settings to follow {@code queueLog} closely: read every 200 ms, held against AMI 1 s after. */
    static Map<String, String> following(Path queueLog) {
        return Map.of("SWITCHBOARD_QUEUE_LOG", queueLog.toString(), "SWITCHBOARD_QUEUE_LOG_POLL_MS", "200",
                "SWITCHBOARD_QUEUE_LOG_SETTLE_SECONDS", "1");
    }

    /**
     * Two queues, billing sending callers on to support after 8 s; three agents who let a quarter of
     * rings go unanswered; callers who give up after 3 to 25 s: abandons, timeouts, no-answers and
     * completed talks within half a minute. {@code seed} makes each test's calls its own.
     */
    static TrafficProfile busyCallCentre(long seed) {
        return new TrafficProfile(List.of(new TrafficProfile.QueueSpec("support", 20, 0.6, 0, null),
                new TrafficProfile.QueueSpec("billing", 30, 0.4, 8, "support")), 3, 1.2, new int[]{1, 2}, 0.5, 0.1,
                new int[]{3, 25}, new int[]{1, 3}, 0.25, new int[]{3, 9}, 1, 0, new int[]{1, 1}, 50, seed);
    }

    /** The sum over servers of a Prometheus sample {@code name}, of the samples whose labels contain {@code labels}. */
    static double metric(ServiceRig rig, String name, String labels) {
        String body = rig.get("/metrics", null).bodyAsString();
        double sum = 0;
        for (String line : body.split("\n")) {
            boolean labelled = line.startsWith(name + "{") && line.substring(0, line.lastIndexOf('}')).contains(labels);
            if (labelled || labels.isEmpty() && line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static double metric(ServiceRig rig, String name) {
        return metric(rig, name, "");
    }

    static JsonObject health(ServiceRig rig) {
        return rig.get("/health", null).bodyAsJsonObject();
    }

    /** The one queue_log file /health describes. */
    static JsonObject file(ServiceRig rig) {
        var files = health(rig).getJsonObject("queueLog").getJsonArray("files");
        assertThat(files).hasSize(1);
        return files.getJsonObject(0);
    }

    static List<LegRecord> storedLegs(ServiceRig rig) {
        List<LegRecord> legs = new ArrayList<>();
        for (JourneyRecord journey : storedCalls(rig)) {
            legs.addAll(journey.legs());
        }
        return legs;
    }

    static List<JourneyRecord> storedCalls(ServiceRig rig) {
        Pool pool = Database.createPool(rig.vertx, rig.database, 1);
        try {
            return new JourneyStore(pool).between(Instant.EPOCH, Instant.now().plusSeconds(3600), 10_000).await();
        } finally {
            pool.close().await();
        }
    }

    /**
     * Every call of the queue_log stored once, as queue_log tells it: one journey per call id (calls
     * that never reached a queue aside), each leg agreeing, none left open or doubled, each call ended.
     */
    static void assertStoredAsQueueLogTells(ServiceRig rig, QueueLog expected) {
        List<JourneyRecord> journeys = storedCalls(rig).stream().filter(j -> !j.legs().isEmpty()).toList();
        assertThat(journeys.stream().mapToInt(j -> j.legs().size()).sum()).as("legs stored")
                .isEqualTo(legCount(expected));
        assertThat(journeys).as("one journey per call").hasSize(expected.legsByCall().size());
        Map<String, JourneyRecord> byCall = journeys.stream().collect(Collectors.toMap(j -> {
            List<String> ids = j.legs().stream().map(LegRecord::uniqueid).distinct().toList();
            assertThat(ids).as("call ids of journey " + j.linkedid()).hasSize(1);
            return ids.get(0);
        }, j -> j));
        assertThat(byCall.keySet()).isEqualTo(expected.legsByCall().keySet());
        expected.legsByCall().forEach((callid, legs) -> {
            JourneyRecord j = byCall.get(callid);
            assertThat(j.legs()).as("legs of " + callid).hasSameSizeAs(legs);
            for (int i = 0; i < legs.size(); i++) {
                LegAgreement.assertLegAgrees(callid, legs.get(i), j.legs().get(i));
            }
            assertThat(j.endedAt()).as("end of " + callid).isNotNull();
        });
    }

    static int legCount(QueueLog log) {
        return log.legsByCall().values().stream().mapToInt(List::size).sum();
    }

    /** The queue_log lines of {@code files}, oldest file first, as one file for the oracle. */
    static Path joined(Path into, Path... files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            lines.addAll(Files.readAllLines(file));
        }
        return Files.write(into, lines);
    }

    /** The reconciler's log lines, while the returned appender is attached. */
    static ListAppender<ILoggingEvent> captureLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(QueueLogReconciler.class)).addAppender(appender);
        return appender;
    }

    static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(QueueLogReconciler.class)).detachAppender(appender);
    }

    static List<String> warnings(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Waits for {@code condition} up to {@code atMost}, and goes on either way: the assertions after it say what is wrong. */
    static void awaitQuietly(java.time.Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.awaitility.Awaitility.await().atMost(atMost).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the assertions that follow name the calls
        }
    }
}
