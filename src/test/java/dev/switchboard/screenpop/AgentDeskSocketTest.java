package dev.switchboard.screenpop;

import dev.switchboard.sim.Recording;
import dev.switchboard.sim.FeedGate;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.testing.AgentClient;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's socket beyond the ring: the pop stays fresh while the page shows it (also after
 * the call ended) and the case the page shows is followed — each only for the agent concerned.
 */
class AgentDeskSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Ada (10042) with case 1 assigned to Alice; Charles (10043) with case 2, the team's; Grace; Alice and Carol. */
    private static void seed(ServiceRig rig) throws Exception {
        Sql sql = Sql.on(rig.database);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'sf', 'San Francisco')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace'), (2, '10043', 'Charles Babbage')");
        sql.execute("INSERT INTO account_phones (account_id, e164) VALUES (1, '+14155550101'), (2, '+14155550102')");
        sql.execute("INSERT INTO service_addresses (account_id, line1, city, postcode, region_id, is_primary) VALUES "
                + "(1, '12 Analytical Way', 'San Francisco', '94105', 1, TRUE), (2, '3 Difference Row', 'San Francisco', '94107', 1, TRUE)");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Grace Engineer', 1)");
        sql.execute("INSERT INTO engineer_regions (engineer_id, region_id) VALUES (1, 1)");
        for (int day = 1; day <= 7; day++) {
            sql.execute("INSERT INTO engineer_working_hours (engineer_id, weekday, starts_at, ends_at) VALUES (1, " + day + ", '08:00', '18:00')");
        }
        String hash = new PasswordHasher().hash("agent-password");
        sql.execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(101, 'alice', 'Alice', '" + hash + "', 'agent'), (103, 'carol', 'Carol', '" + hash + "', 'agent')");
        sql.execute("INSERT INTO agents (id, user_id, member_name) VALUES (1, 101, 'Alice'), (3, 103, 'Carol')");
        sql.execute("INSERT INTO agent_interfaces (interface, agent_id) VALUES ('Local/1001@agents/n', 1), ('Local/1003@agents/n', 3)");
        sql.execute("INSERT INTO cases (id, account_id, channel, category, status, description, assigned_user_id, created_at) VALUES "
                + "(1, 1, 'phone', 'heating', 'open', 'Radiator cold', 101, '" + now.minusDays(2) + "'), "
                + "(2, 2, 'phone', 'plumbing', 'open', 'Leaking tap', NULL, '" + now.minusDays(3) + "')");
    }

    private static boolean type(JsonObject message, String type) {
        return type.equals(message.getString("type"));
    }

    @Test
    void after_the_call_the_pop_follows_its_accounts_cases_and_only_its_agent_hears_of_them() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        FeedGate[] gate = new FeedGate[1];
        ServiceRig rig = new ServiceRig("desk_socket", answered.banner(), vertx -> {
            gate[0] = new FeedGate(() -> new ReplayFeed(vertx, answered, 4));
            return gate[0]::feed;
        }, Map.of(), false);
        seed(rig);
        rig.start();
        String aliceToken = rig.login("alice", "agent-password").bodyAsJsonObject().getString("token");
        String carolToken = rig.login("carol", "agent-password").bodyAsJsonObject().getString("token");
        try (rig; AgentClient alice = new AgentClient(rig, aliceToken); AgentClient carol = new AgentClient(rig, carolToken)) {
            // the call starts once both are connected: a busy machine must not let the ring go by unheard
            gate[0].open();
            JsonObject pop = alice.await(m -> type(m, "pop"), WAIT).getJsonObject("pop");
            assertThat(pop.getJsonObject("account").getString("accountNumber")).isEqualTo("10042");
            assertThat(pop.getJsonObject("account").getValue("nextVisit")).isNull();
            alice.await(m -> type(m, "ended"), Duration.ofSeconds(30));

            long opened = call(rig, aliceToken, HttpMethod.POST, "/api/cases", new JsonObject().put("accountNumber", "10042")
                    .put("channel", "phone").put("category", "boiler").put("description", "No hot water")).getLong("id");
            JsonObject withCase = alice.await(m -> type(m, "pop-updated"), WAIT);
            assertThat(withCase.getString("state")).isEqualTo("ended");
            assertThat(withCase.getJsonObject("pop").getString("popId")).isEqualTo(pop.getString("popId"));
            assertThat(withCase.getJsonObject("pop").getJsonObject("account").getJsonArray("openCases").stream()
                    .map(c -> ((JsonObject) c).getLong("id"))).containsExactlyInAnyOrder(opened, 1L);

            JsonObject slot = rig.get("/api/cases/" + opened + "/slots", aliceToken).bodyAsJsonArray().getJsonObject(0);
            call(rig, aliceToken, HttpMethod.POST, "/api/cases/" + opened + "/visits", new JsonObject()
                    .put("engineerId", slot.getLong("engineerId")).put("startsAt", slot.getString("startsAt")));
            JsonObject withVisit = alice.await(m -> type(m, "pop-updated"), WAIT).getJsonObject("pop").getJsonObject("account");
            assertThat(withVisit.getJsonObject("nextVisit").getLong("caseId")).as("fresh account data").isEqualTo(opened);
            assertThat(withVisit.getJsonObject("nextVisit").getString("startsAt")).isEqualTo(slot.getString("startsAt"));

            // the case Alice's page shows: she hears of its changes; Carol may not follow Alice's case
            alice.send(new JsonObject().put("type", "watch").put("caseId", 1));
            assertThat(alice.await(m -> type(m, "watching"), WAIT).getLong("caseId")).isEqualTo(1L);
            carol.send(new JsonObject().put("type", "watch").put("caseId", 1));
            assertThat(carol.await(m -> type(m, "watching"), WAIT).getValue("caseId")).as("refused").isNull();
            int popsBefore = count(alice, "pop-updated");
            edit(rig, aliceToken, 2, "Leaking tap in the kitchen"); // Charles's case: not the pop's account
            edit(rig, aliceToken, 1, "Radiator cold in the hall");
            assertThat(alice.await(m -> type(m, "case-changed"), WAIT).getLong("caseId")).isEqualTo(1L);
            alice.await(m -> type(m, "pop-updated"), WAIT);
            assertThat(count(alice, "pop-updated")).as("only the change to Ada's case refreshed the pop")
                    .isEqualTo(popsBefore + 1);
            assertThat(alice.received().stream().filter(m -> type(m, "case-changed")).map(m -> m.getLong("caseId")))
                    .as("only the case she watches").containsOnly(1L);

            assertThat(carol.received()).as("Carol heard nothing but the refusal")
                    .containsExactly(new JsonObject().put("type", "watching").putNull("caseId"));
        }
    }

    private static int count(AgentClient client, String type) {
        return (int) client.received().stream().filter(m -> type(m, type)).count();
    }

    private static void edit(ServiceRig rig, String token, long id, String description) {
        int version = rig.get("/api/cases/" + id, token).bodyAsJsonObject().getInteger("version");
        HttpResponse<Buffer> edited = rig.client.patch(rig.port, "127.0.0.1", "/api/cases/" + id)
                .putHeader("Authorization", "Bearer " + token).putHeader("If-Match", "\"" + version + "\"")
                .sendJsonObject(new JsonObject().put("category", "heating").put("description", description)).await();
        assertThat(edited.statusCode()).as(edited.bodyAsString()).isEqualTo(200);
    }

    private static JsonObject call(ServiceRig rig, String token, HttpMethod method, String path, JsonObject body) {
        HttpResponse<Buffer> response = rig.client.request(method, rig.port, "127.0.0.1", path)
                .putHeader("Authorization", "Bearer " + token).sendJsonObject(body).await();
        assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isBetween(200, 299);
        return response.bodyAsJsonObject();
    }
}
