package dev.switchboard.callbacks;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A question the agent cannot answer: escalate to a specialist with a callback due, on the right lists. */
class EscalationTest {

    private ServiceRig rig;
    private String alice;
    private String sam;
    private String supervisor;

    @BeforeEach
    void start() throws Exception {
        rig = new ServiceRig("escalation", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(), false);
        Sql sql = Sql.on(rig.database);
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace'), "
                + "(2, '10043', 'No Phone Ltd')");
        sql.execute("INSERT INTO account_phones (account_id, e164) VALUES (1, '+14155550101')");
        String hash = new PasswordHasher().hash("password");
        sql.execute("INSERT INTO users (username, display_name, password_hash, role) VALUES "
                + "('alice', 'Alice', '" + hash + "', 'agent'), ('sam', 'Sam Specialist', '" + hash + "', 'agent'), "
                + "('sue', 'Sue', '" + hash + "', 'supervisor')");
        rig.start();
        alice = token("alice");
        sam = token("sam");
        supervisor = token("sue");
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private String token(String user) {
        return rig.login(user, "password").bodyAsJsonObject().getString("token");
    }

    private HttpResponse<Buffer> post(String token, String path, JsonObject body, Integer version) {
        var request = rig.client.post(rig.port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
        if (version != null) {
            request.putHeader("If-Match", "\"" + version + "\"");
        }
        return request.sendJsonObject(body).await();
    }

    private long newCase(String account) {
        return post(alice, "/api/cases", new JsonObject().put("accountNumber", account).put("channel", "phone")
                .put("category", "billing").put("description", "Why was I charged twice?"), null)
                .bodyAsJsonObject().getLong("id");
    }

    @Test
    void an_escalation_creates_a_callback_on_the_specialists_and_the_supervisors_lists() {
        long id = newCase("10042");
        Instant due = Instant.now().plusSeconds(7200);

        HttpResponse<Buffer> escalated = post(alice, "/api/cases/" + id + "/escalations", new JsonObject()
                .put("to", "specialist").put("reason", "double charge needs billing").put("assignee", "sam")
                .put("callbackDueAt", due.toString()), 0);

        assertThat(escalated.statusCode()).as(escalated.bodyAsString()).isEqualTo(201);
        JsonObject callback = escalated.bodyAsJsonObject();
        assertThat(callback.getString("phone")).isEqualTo("+14155550101");
        assertThat(callback.getString("assignee")).isEqualTo("sam");
        assertThat(callback.getString("status")).isEqualTo("pending");
        assertThat(rig.get("/api/cases/" + id, alice).bodyAsJsonObject().getString("status")).isEqualTo("escalated");

        JsonArray samsList = rig.get("/api/callbacks", sam).bodyAsJsonArray();
        assertThat(samsList).singleElement().satisfies(c -> assertThat(((JsonObject) c).getLong("caseId")).isEqualTo(id));
        assertThat(rig.get("/api/callbacks", alice).bodyAsJsonArray()).as("not Alice's task").isEmpty();
        assertThat(rig.get("/api/callbacks", supervisor).bodyAsJsonArray()).hasSize(1);

        JsonObject done = post(sam, "/api/callbacks/" + callback.getLong("id") + "/done",
                new JsonObject().put("outcome", "refund issued"), null).bodyAsJsonObject();
        assertThat(done.getString("status")).isEqualTo("done");
        assertThat(rig.get("/api/callbacks", supervisor).bodyAsJsonArray()).isEmpty();
        JsonArray events = rig.get("/api/cases/" + id + "/events", alice).bodyAsJsonArray();
        assertThat(events.stream().map(e -> ((JsonObject) e).getString("kind")))
                .containsExactly("opened", "status", "callback-done");
        assertThat(post(sam, "/api/callbacks/" + callback.getLong("id") + "/done",
                new JsonObject().put("outcome", "again"), null).statusCode()).isEqualTo(409);
    }

    @Test
    void an_escalation_needs_a_number_to_call_a_future_due_time_and_a_known_assignee() {
        long noPhone = newCase("10043");
        JsonObject valid = new JsonObject().put("to", "supervisor").put("reason", "angry customer")
                .put("callbackDueAt", Instant.now().plusSeconds(600).toString());
        assertThat(post(alice, "/api/cases/" + noPhone + "/escalations", valid, 0).statusCode()).isEqualTo(422);

        long id = newCase("10042");
        assertThat(post(alice, "/api/cases/" + id + "/escalations", valid.copy()
                .put("callbackDueAt", Instant.now().minusSeconds(60).toString()), 0).statusCode()).isEqualTo(422);
        assertThat(post(alice, "/api/cases/" + id + "/escalations", valid.copy().put("assignee", "nobody"), 0)
                .statusCode()).isEqualTo(422);
        assertThat(post(alice, "/api/cases/" + id + "/escalations", valid.copy().put("to", "the moon"), 0)
                .statusCode()).isEqualTo(422);
        assertThat(post(alice, "/api/cases/" + id + "/escalations", valid, null).statusCode()).isEqualTo(428);
        assertThat(rig.get("/api/cases/" + id, alice).bodyAsJsonObject().getString("status"))
                .as("nothing changed by the refused requests").isEqualTo("open");
        assertThat(rig.get("/api/callbacks", supervisor).bodyAsJsonArray()).isEmpty();
    }
}
