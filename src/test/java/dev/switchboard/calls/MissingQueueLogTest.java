package dev.switchboard.calls;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.sim.QueueLogFileWriter;
import dev.switchboard.sim.QueueLogSink;
import dev.switchboard.sim.SharedCallCentre;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.testing.ServiceRig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.switchboard.calls.QueueLogProbe.file;
import static dev.switchboard.calls.QueueLogProbe.health;
import static dev.switchboard.calls.QueueLogProbe.metric;
import static dev.switchboard.calls.QueueLogProbe.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SWITCHBOARD_QUEUE_LOG names a file that is not there (yet): the service starts and is ready,
 * /health names the path as a degradation, one warning says so, and calls are followed from AMI
 * alone. When Asterisk creates the file, it is followed and its lines read.
 */
class MissingQueueLogTest {

    @TempDir
    Path dir;

    private static TrafficProfile steady() {
        return new TrafficProfile(List.of(new TrafficProfile.QueueSpec("support", 20, 1.0, 0, null)), 3, 1.0,
                new int[]{1, 2}, 0.5, 0.1, new int[]{3, 25}, new int[]{1, 3}, 0.25, new int[]{3, 9}, 1, 0,
                new int[]{1, 1}, 50, 7);
    }

    @Test
    void a_missing_queue_log_is_a_degradation_until_it_appears_and_is_then_followed() throws Exception {
        Path queueLog = dir.resolve("queue_log");
        AtomicReference<QueueLogFileWriter> writer = new AtomicReference<>();
        QueueLogSink asterisk = line -> {
            QueueLogFileWriter now = writer.get();
            if (now != null) {
                now.append(line);
            }
        };
        AtomicReference<SharedCallCentre> centre = new AtomicReference<>();
        ListAppender<ILoggingEvent> logged = QueueLogProbe.captureLog();
        try (ServiceRig rig = new ServiceRig("queue_log_missing", "Asterisk Call Manager/9.0.0", vertx -> {
            centre.set(new SharedCallCentre(vertx, steady(), 30, asterisk));
            return centre.get()::feed;
        }, QueueLogProbe.following(queueLog))) {
            assertThat(rig.get("/ready", null).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> "MISSING".equals(file(rig).getString("state")));
            JsonObject missing = file(rig);
            assertThat(missing.getString("path")).isEqualTo(queueLog.toString());
            assertThat(missing.getString("reason")).isEqualTo("no such file");
            assertThat(missing.getLong("size")).isEqualTo(-1);
            assertThat(health(rig).getJsonArray("degraded").getList()).anySatisfy(d -> assertThat((String) d)
                    .startsWith("queue_log of ").contains(" at " + queueLog + " is MISSING (no such file)"));

            centre.get().start();
            String token = rig.adminToken();
            await().atMost(Duration.ofSeconds(60)).until(() -> endedFromAmi(rig, token) >= 8);
            assertThat(rig.get("/ready", null).statusCode()).as("still ready without queue_log").isEqualTo(200);
            assertThat(metric(rig, "switchboard_queuelog_lines_total")).isZero();
            assertThat(warnings(logged)).filteredOn(w -> w.contains("MISSING"))
                    .as("one warning, however many polls found it missing").singleElement().satisfies(w -> assertThat(w)
                            .startsWith("queue_log of ").contains(" is MISSING at " + queueLog + " (no such file)"));

            writer.set(new QueueLogFileWriter(queueLog));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> "FOLLOWING".equals(file(rig).getString("state")));
                assertThat(health(rig).getJsonArray("degraded").encode()).doesNotContain("queue_log");
                await().atMost(Duration.ofSeconds(120)).until(() -> centre.get().finishedCalls().size() == 30);
                long lines = Files.readAllLines(queueLog).size();
                assertThat(lines).as("calls were written to the file once it was there").isGreaterThan(10);
                await().atMost(Duration.ofSeconds(10)).until(() -> metric(rig, "switchboard_queuelog_lines_total") == lines);
                JsonObject following = file(rig);
                assertThat(following.getLong("offset")).isEqualTo(Files.size(queueLog));
                assertThat(following.getLong("size")).isEqualTo(Files.size(queueLog));
                assertThat(following.getString("lastLineAt")).isNotNull();
                assertThat(following.getString("reason")).isNull();
                assertThat(warnings(logged)).filteredOn(w -> w.contains("MISSING")).hasSize(1);
                assertThat(metric(rig, "switchboard_queuelog_lines_malformed_total")).isZero();
            } finally {
                writer.get().close();
            }
        } finally {
            QueueLogProbe.release(logged);
        }
    }

    /** Calls /api/calls lists as ended, each and every fact of them from AMI; fails on any other source. */
    private static int endedFromAmi(ServiceRig rig, String token) {
        JsonArray calls = rig.get("/api/calls", token).bodyAsJsonArray();
        int ended = 0;
        for (int i = 0; i < calls.size(); i++) {
            JsonObject call = calls.getJsonObject(i);
            assertThat(call.getString("source")).as(call.encode()).isEqualTo("ami");
            if (call.getString("endedAt") != null) {
                ended++;
                assertThat(call.getString("endedSource")).as(call.encode()).isEqualTo("ami");
                call.getJsonArray("legs").forEach(leg -> assertThat(((JsonObject) leg).getString("joinedSource"))
                        .as(call.encode()).isEqualTo("ami"));
            }
        }
        return ended;
    }
}
