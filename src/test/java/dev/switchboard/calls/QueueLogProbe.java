package dev.switchboard.calls;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.store.Database;
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

/** What the queue_log tests read from a running service: its metrics, its /health, its stored legs, its log. */
final class QueueLogProbe {

    private QueueLogProbe() {
    }

    /** The sum over servers of a Prometheus sample {@code name}, of the samples whose labels contain {@code labels}. */
    static double metric(ServiceRig rig, String name, String labels) {
        String body = rig.get("/metrics", null).bodyAsString();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(name + "{") && line.substring(0, line.lastIndexOf('}')).contains(labels)) {
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

    /** Every leg of the queue_log stored, once, as queue_log tells it. */
    static void assertStoredAsQueueLogTells(ServiceRig rig, QueueLog expected) {
        Map<String, List<LegRecord>> stored = storedLegs(rig).stream().collect(Collectors.groupingBy(LegRecord::uniqueid));
        assertThat(stored.keySet()).isEqualTo(expected.legsByCall().keySet());
        assertThat(stored.values().stream().flatMap(List::stream).filter(l -> l.outcome() == null).toList())
                .as("legs left open").isEmpty();
        expected.legsByCall().forEach((callid, legs) -> {
            List<LegRecord> actual = stored.get(callid);
            assertThat(actual).as("legs of " + callid).hasSameSizeAs(legs);
            for (int i = 0; i < legs.size(); i++) {
                LegAgreement.assertLegAgrees(callid, legs.get(i), actual.get(i));
            }
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
