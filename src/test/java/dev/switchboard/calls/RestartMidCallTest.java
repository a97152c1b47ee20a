package dev.switchboard.calls;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.Recording;
import dev.switchboard.testing.AmiSnapshots;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Switchboard restarts while a caller waits in a second queue: after the restart the call goes on
 * from its stored legs, so the answer lands on the leg the caller is waiting in, and the first
 * queue's leg is left as it was.
 */
class RestartMidCallTest {

    @Test
    void a_caller_waiting_in_their_second_queue_across_a_restart_is_answered_on_that_leg() throws Exception {
        Recording overflow = Recording.read(Recordings.file("overflow"));
        List<AmiMessage> stream = overflow.stream().stream().map(Recording.Timed::message).toList();
        int answer = indexOf(stream, "AgentConnect");
        List<AmiMessage> beforeTheRestart = stream.subList(0, answer);
        AmiMessage secondJoin = beforeTheRestart.stream()
                .filter(m -> m.getOrEmpty("Event").equals("QueueCallerJoin") && m.getOrEmpty("Queue").equals("support"))
                .findFirst().orElseThrow();

        try (ServiceRig rig = new ServiceRig("restart_mid_call", overflow.banner(), vertx -> {
            Iterator<EventFeed> sessions = List.<EventFeed>of(
                    ScriptedFeed.onLogin(overflow.snapshots(), beforeTheRestart),
                    ScriptedFeed.afterQueueStatus(vertx, Map.of(
                            "QueueStatus", AmiSnapshots.withEntry(overflow.snapshot("QueueStatus"), secondJoin),
                            "CoreShowChannels", AmiSnapshots.channelsOf(beforeTheRestart)),
                            stream.subList(answer, stream.size()))).iterator();
            return sessions::next;
        }, Map.of())) {
            String token = rig.adminToken();
            await().atMost(Duration.ofSeconds(20)).until(() -> legs(rig, token).size() == 2
                    && "timeout".equals(legs(rig, token).getJsonObject(0).getString("outcome")));

            rig.stopService();
            rig.start();

            String again = rig.adminToken();
            await().atMost(Duration.ofSeconds(20)).until(() -> ended(rig, again));
            JsonArray legs = legs(rig, again);
            assertThat(legs).hasSize(2);
            JsonObject billing = legs.getJsonObject(0);
            assertThat(billing.getString("queue")).isEqualTo("billing");
            assertThat(billing.getString("outcome")).isEqualTo("timeout");
            assertThat(billing.getString("agent")).isNull();
            JsonObject support = legs.getJsonObject(1);
            assertThat(support.getString("queue")).isEqualTo("support");
            assertThat(support.getString("outcome")).isEqualTo("answered");
            assertThat(support.getString("agent")).isEqualTo("Alice");
            assertThat(support.getLong("talkSeconds")).isEqualTo(4);
            assertThat(support.getString("joinedSource")).as("its join was seen before the restart").isEqualTo("ami");
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_legs")).isEqualTo(2);
        }
    }

    private static boolean ended(ServiceRig rig, String token) {
        JsonArray calls = rig.get("/api/calls", token).bodyAsJsonArray();
        return calls.size() == 1 && calls.getJsonObject(0).getString("endedAt") != null;
    }

    private static JsonArray legs(ServiceRig rig, String token) {
        JsonArray calls = rig.get("/api/calls", token).bodyAsJsonArray();
        return calls.isEmpty() ? new JsonArray() : calls.getJsonObject(0).getJsonArray("legs");
    }

    private static int indexOf(List<AmiMessage> stream, String event) {
        for (int i = 0; i < stream.size(); i++) {
            if (stream.get(i).getOrEmpty("Event").equals(event)) {
                return i;
            }
        }
        throw new AssertionError(event + " not in the recording");
    }
}
