package dev.switchboard.callbacks;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.Recording;
import dev.switchboard.testing.AgiCall;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callers who chose a callback in the IVR are called back through the real AMI path: the oldest
 * request first, the agent's phone first (AMI Originate), tried again when the customer does not
 * answer, every try noted on the case, and counted in the queue's figures as callbacks.
 */
class CallbacksByPhoneTest {

    private static final String ALICE = "Local/1001@agents/n";

    @Test
    void callbacks_are_placed_in_order_of_request_through_a_ready_agent_and_retried_until_answered()
            throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        // every support agent is paused until Alice gets ready below
        Map<String, List<AmiMessage>> snapshots = Map.of("QueueStatus", answered.snapshot("QueueStatus").stream()
                .map(m -> m.getOrEmpty("Event").equals("QueueMember") ? m.with("Paused", "1") : m).toList());
        try (ServiceRig rig = new ServiceRig("callbacks", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(snapshots, List.of()),
                Map.of("SWITCHBOARD_CALLBACK_RETRY_SECONDS", "1", "SWITCHBOARD_CALLBACK_RING_SECONDS", "5"), false)) {
            Sql sql = Sql.on(rig.database);
            sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
            sql.execute("INSERT INTO account_phones (account_id, e164) VALUES (1, '+14155550101')");
            sql.execute("INSERT INTO cases (id, account_id, channel, category, description) "
                    + "VALUES (1, 1, 'phone', 'boiler', 'No hot water')");
            rig.start();
            long now = Instant.now().getEpochSecond();
            String ada = AgiCall.run(rig.agiPort, "request-callback", "+14155550101",
                    List.of("support", String.valueOf(now - 20)), Map.of("CC_ACCOUNT", "10042")).get("CC_CALLBACK_ID");
            String earlier = AgiCall.run(rig.agiPort, "request-callback", "+12025550151",
                    List.of("support", String.valueOf(now - 90)), Map.of()).get("CC_CALLBACK_ID");

            rig.asterisk.writeRawToClients(Buffer.buffer(aliceReady().encode()));

            // the caller who started waiting earlier is called back first, through Alice
            Map<String, String> first = awaitOriginate(rig, 1);
            assertThat(first).containsEntry("Channel", ALICE).containsEntry("Context", "callback-outbound")
                    .containsEntry("Exten", "s").containsEntry("CC_CALLBACK_ID", earlier)
                    .containsEntry("CC_CALLBACK_NUMBER", "+12025550151");
            assertThat(callback(rig, earlier)).containsEntry("status", "calling").containsEntry("agent_interface", ALICE);
            assertThat(AgiCall.run(rig.agiPort, "callback-result", "x", List.of(earlier, "ANSWER"), Map.of()))
                    .containsEntry("CC_CALLBACK_STATUS", "done");

            // Alice does not answer the next one: it waits again, no try of the customer counted
            rig.asterisk.originateAnswered(action -> false);
            Map<String, String> second = awaitOriginate(rig, 2);
            assertThat(second).containsEntry("CC_CALLBACK_ID", ada).containsEntry("CC_CALLBACK_NUMBER", "+14155550101")
                    .containsEntry("__CC_ACCOUNT", "10042");
            awaitStatus(rig, ada, "pending");
            assertThat(callback(rig, ada)).containsEntry("attempts", "0");
            rig.asterisk.originateAnswered(action -> true);

            // she answers the next try; Ada does not: tried again after the retry delay, then answers
            assertThat(awaitOriginate(rig, 3)).containsEntry("CC_CALLBACK_ID", ada);
            assertThat(AgiCall.run(rig.agiPort, "callback-result", "x", List.of(ada, "NOANSWER"), Map.of()))
                    .containsEntry("CC_CALLBACK_STATUS", "pending");
            assertThat(awaitOriginate(rig, 4)).containsEntry("CC_CALLBACK_ID", ada);
            assertThat(AgiCall.run(rig.agiPort, "callback-result", "x", List.of(ada, "ANSWER"), Map.of()))
                    .containsEntry("CC_CALLBACK_STATUS", "done");

            assertThat(callback(rig, ada)).containsEntry("status", "done").containsEntry("attempts", "2")
                    .containsEntry("outcome", "answered");
            assertThat(sql.text("SELECT GROUP_CONCAT(reason ORDER BY id SEPARATOR ' | ') FROM case_events "
                    + "WHERE case_id = 1 AND kind = 'callback'"))
                    .isEqualTo("callback " + ada + ", try 1 of 3 by " + ALICE + ": no-answer, next try after 1 s | "
                            + "callback " + ada + ", try 2 of 3 by " + ALICE + ": answered");
            JsonObject support = rig.get("/api/queues", rig.adminToken()).bodyAsJsonArray().stream()
                    .map(JsonObject.class::cast).filter(q -> q.getString("name").equals("support")).findFirst()
                    .orElseThrow();
            JsonObject callbacks = support.getJsonObject("callbacks");
            assertThat(callbacks.getLong("requested")).isEqualTo(2);
            assertThat(callbacks.getLong("connected")).isEqualTo(2);
            assertThat(callbacks.getLong("waiting")).isZero();
            assertThat(callbacks.getDouble("averageWaitSeconds")).isGreaterThanOrEqualTo(20.0);
        }
    }

    /** Alice ends her pause in the support queue. */
    private static AmiMessage aliceReady() {
        return AmiMessage.of("Event", "QueueMemberPause", "Privilege", "agent,all", "Queue", "support",
                "MemberName", "Alice", "Interface", ALICE, "StateInterface", ALICE, "Membership", "static",
                "Penalty", "0", "CallsTaken", "0", "LastCall", "0", "LastPause", "0", "LoginTime", "0",
                "InCall", "0", "Status", "1", "Paused", "0", "PausedReason", "", "Wrapuptime", "0");
    }

    /** The n-th Originate the simulated Asterisk received: its fields, with each Variable as NAME → value. */
    private static Map<String, String> awaitOriginate(ServiceRig rig, int n) {
        List<AmiMessage> originates = await("Originate number " + n).atMost(Duration.ofSeconds(20))
                .until(() -> rig.asterisk.actions().stream()
                        .filter(a -> a.getOrEmpty("Action").equalsIgnoreCase("Originate")).toList(), o -> o.size() >= n);
        AmiMessage action = originates.get(n - 1);
        Map<String, String> fields = action.fields().stream()
                .filter(f -> !f.key().equalsIgnoreCase("Variable"))
                .collect(Collectors.toMap(f -> capitalised(f.key()), AmiMessage.Field::value, (a, b) -> a));
        action.fields().stream().filter(f -> f.key().equalsIgnoreCase("Variable"))
                .flatMap(f -> List.of(f.value().split(",")).stream())
                .forEach(v -> fields.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1)));
        return fields;
    }

    private static void awaitStatus(ServiceRig rig, String id, String status) {
        await("callback " + id + " " + status).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(callback(rig, id)).containsEntry("status", status));
    }

    private static Map<String, String> callback(ServiceRig rig, String id) throws Exception {
        return Sql.on(rig.database).row("SELECT status, attempts, agent_interface, outcome FROM callbacks WHERE id = "
                + Long.parseLong(id));
    }

    private static String capitalised(String key) {
        return key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1).toLowerCase();
    }
}
