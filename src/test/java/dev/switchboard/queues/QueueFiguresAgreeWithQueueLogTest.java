package dev.switchboard.queues;

import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.testing.AsteriskLab;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.QueueLogFigures;
import dev.switchboard.testing.QueueLogFigures.Expected;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.WallboardClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every real recording, the figures {@code GET /api/queues} gives equal the figures computed
 * here, independently, from the recording's own queue_log and the lab's queues.conf (T is each
 * queue's servicelevel: Switchboard takes it from Asterisk's QueueParams, as nothing is configured).
 * Each recording is replayed as recorded and as the shipped asterisk-config/manager.conf filters it.
 */
class QueueFiguresAgreeWithQueueLogTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.switchboard.testing.Recordings#asRecordedAndFiltered")
    void the_queue_figures_match_asterisks_queue_log(String name, String feed) throws Exception {
        Map<String, AsteriskLab.Queue> conf = AsteriskLab.queues();
        QueueLog queueLog = QueueLog.read(Recordings.directory().resolve(name + ".queue_log"));
        Map<String, Expected> expected = QueueLogFigures.expected(queueLog, conf);
        Recording recording = Recordings.read(name, feed);
        String wrapUps = conf.values().stream().map(q -> q.name() + "=" + q.wrapUpTime())
                .collect(Collectors.joining(","));
        try (ServiceRig rig = new ServiceRig("figures_" + Recordings.replayId(name, feed), recording.banner(),
                vertx -> () -> new ReplayFeed(vertx, recording, Recordings.AGREEMENT_REPLAY_SPEED), Map.of("SWITCHBOARD_QUEUE_WRAPUP", wrapUps))) {
            String token = rig.adminToken();
            rig.feedHeard.get(60, TimeUnit.SECONDS);
            Map<String, JsonObject> queues = awaitFigures(rig, token, expected);

            for (Map.Entry<String, Expected> e : expected.entrySet()) {
                JsonObject q = queues.get(e.getKey());
                Expected x = e.getValue();
                String as = name + " / " + e.getKey() + ": " + q.encode();
                assertThat(q.getInteger("targetSeconds")).as(as).isEqualTo(conf.get(e.getKey()).serviceLevel());
                assertThat(q.getString("targetSource")).as(as).isEqualTo("asterisk");
                QueueLogFigures.assertFiguresAgree(as, q, x);
                assertThat(q.getJsonObject("agents").getInteger("ringing")).as(as + ": nobody left ringing").isZero();
            }
        }
    }


    /**
     * Follows the wallboard feed until each queue's figures have reached what the queue_log says
     * (they are published after each batch of stored calls), then reads /api/queues once. If they
     * never do, the assertions show how they differ.
     */
    private static Map<String, JsonObject> awaitFigures(ServiceRig rig, String token, Map<String, Expected> expected)
            throws Exception {
        try (WallboardClient wallboard = WallboardClient.open(rig, token)) {
            for (Map.Entry<String, Expected> queue : expected.entrySet()) {
                Expected x = queue.getValue();
                try {
                    wallboard.awaitFigures(queue.getKey(), f -> f.getLong("offered") == x.offered()
                            && f.getLong("answered") == x.answered() && f.getLong("abandoned") == x.abandoned()
                            && f.getLong("timedOut") == x.timedOut()
                            && Objects.equals(f.getDouble("ahtSeconds"), x.aht()), Duration.ofSeconds(20));
                } catch (AssertionError notReached) {
                    break;
                }
            }
        }
        return rig.get("/api/queues?period=today", token).bodyAsJsonArray().stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(q -> q.getString("name"), q -> q));
    }
}
