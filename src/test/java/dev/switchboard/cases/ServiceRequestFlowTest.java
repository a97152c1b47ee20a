package dev.switchboard.cases;

import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.testing.AgentClient;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.Seeds;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phone-centred flow, end to end: Ada calls and keys in her account, Alice's phone rings and
 * the pop shows Ada; Alice records the request as a case, finds Grace's first free slot, books
 * it, tells Ada the date; the dispatcher records Grace's report (boiler fixed); the case is
 * closed and Ada's survey answer comes back — with the audit trail checked after each step.
 */
class ServiceRequestFlowTest {

    private ServiceRig rig;
    private String alice;
    private String dispatcher;

    @BeforeEach
    void seedAndStart() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        rig = new ServiceRig("flow", answered.banner(), vertx -> () -> new ReplayFeed(vertx, answered, 4), Map.of(),
                false);
        Sql sql = Sql.on(rig.database);
        Seeds.adaAndGraceInTheNorth(sql);
        String hash = new PasswordHasher().hash("agent-password");
        sql.execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES (101, 'alice', "
                + "'Alice', '" + hash + "', 'agent'), (301, 'dan', 'Dan', '" + hash + "', 'dispatcher')");
        sql.execute("INSERT INTO agents (id, user_id, member_name) VALUES (1, 101, 'Alice')");
        sql.execute("INSERT INTO agent_interfaces (interface, agent_id) VALUES ('Local/1001@agents/n', 1)");
        rig.start();
        alice = rig.login("alice", "agent-password").bodyAsJsonObject().getString("token");
        dispatcher = rig.login("dan", "agent-password").bodyAsJsonObject().getString("token");
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private HttpResponse<Buffer> post(String path, JsonObject body, Integer version) {
        return post(alice, path, body, version);
    }

    /** The engineer's report is the dispatcher's to record. */
    private HttpResponse<Buffer> report(long visit, JsonObject body) {
        return post(dispatcher, "/api/visits/" + visit + "/report", body, null);
    }

    private HttpResponse<Buffer> post(String token, String path, JsonObject body, Integer version) {
        var request = rig.client.post(rig.port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
        if (version != null) {
            request.putHeader("If-Match", "\"" + version + "\"");
        }
        return request.sendJsonObject(body).await();
    }

    private List<String> trail(long caseId) {
        JsonArray events = rig.get("/api/cases/" + caseId + "/events", alice).bodyAsJsonArray();
        return events.stream().map(e -> ((JsonObject) e).getString("kind")
                + (((JsonObject) e).getString("to") == null ? "" : ":" + ((JsonObject) e).getString("to"))).toList();
    }

    @Test
    void from_the_call_to_the_customers_survey_answer() throws Exception {
        JsonObject pop;
        try (AgentClient desk = new AgentClient(rig, alice)) {
            pop = desk.await(m -> "pop".equals(m.getString("type")) && "active".equals(m.getString("state")),
                    Duration.ofSeconds(20)).getJsonObject("pop");
        }
        assertThat(pop.getJsonObject("account").getString("accountNumber")).isEqualTo("10042");

        HttpResponse<Buffer> opened = post("/api/cases", new JsonObject()
                .put("accountNumber", pop.getJsonObject("account").getString("accountNumber"))
                .put("callLinkedid", pop.getString("linkedid")).put("category", "boiler")
                .put("description", "No hot water since this morning"), null);
        assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(201);
        JsonObject c = opened.bodyAsJsonObject();
        long id = c.getLong("id");
        assertThat(c.getString("channel")).isEqualTo("phone");
        assertThat(c.getValue("callJourneyId")).as("linked to the call").isNotNull();
        assertThat(trail(id)).containsExactly("opened:open");

        JsonObject slot = rig.get("/api/cases/" + id + "/slots", alice).bodyAsJsonArray().getJsonObject(0);
        JsonObject visit = post("/api/cases/" + id + "/visits", new JsonObject().put("engineerId",
                slot.getLong("engineerId")).put("startsAt", slot.getString("startsAt")), null).bodyAsJsonObject();
        assertThat(visit.getString("engineer")).isEqualTo("Grace");
        assertThat(trail(id)).containsExactly("opened:open", "status:scheduled");

        post("/api/visits/" + visit.getLong("id") + "/advised", new JsonObject().put("via", "call"), null);
        assertThat(trail(id)).containsExactly("opened:open", "status:scheduled", "customer-advised");

        JsonObject reported = report(visit.getLong("id"), new JsonObject()
                .put("outcome", "fixed").put("workDone", "Replaced the thermocouple").put("partsUsed", "thermocouple")
                .put("minutesOnSite", 45)).bodyAsJsonObject();
        assertThat(reported.getString("status")).isEqualTo("completed");
        assertThat(reported.getJsonObject("report").getString("outcome")).isEqualTo("fixed");
        assertThat(trail(id)).containsExactly("opened:open", "status:scheduled", "customer-advised", "status:visited");

        int version = rig.get("/api/cases/" + id, alice).bodyAsJsonObject().getInteger("version");
        JsonObject closed = post("/api/cases/" + id + "/transitions", new JsonObject().put("to", "closed")
                .put("resolutionCode", "fixed-on-visit").put("reason", "customer confirmed"), version).bodyAsJsonObject();
        assertThat(closed.getString("status")).isEqualTo("closed");
        String link = closed.getJsonObject("survey").getString("link");
        assertThat(trail(id)).containsExactly("opened:open", "status:scheduled", "customer-advised", "status:visited",
                "status:closed", "survey-sent");

        HttpResponse<Buffer> answered = rig.client.post(rig.port, "127.0.0.1", link)
                .sendJsonObject(new JsonObject().put("score", 5).put("comment", "Quick and friendly")).await();
        assertThat(answered.statusCode()).as("the customer needs no login").isEqualTo(204);
        assertThat(rig.client.post(rig.port, "127.0.0.1", link).sendJsonObject(new JsonObject().put("score", 1))
                .await().statusCode()).as("answered once only").isEqualTo(409);
        assertThat(trail(id)).last().isEqualTo("survey-answered");
        JsonObject survey = rig.get("/api/cases/" + id + "/surveys", alice).bodyAsJsonArray().getJsonObject(0);
        assertThat(survey.getInteger("score")).isEqualTo(5);
        assertThat(survey.getString("agent")).isEqualTo("alice");
        assertThat(survey.getString("engineer")).isEqualTo("Grace");

        JsonObject timeline = rig.get("/api/cases/" + id + "/timeline", alice).bodyAsJsonObject();
        assertThat(timeline.getJsonArray("stays").stream().map(st -> ((JsonObject) st).getString("status")))
                .containsExactly("open", "scheduled", "visited", "closed");
        assertThat(timeline.getJsonObject("secondsByStatus").fieldNames())
                .containsExactlyInAnyOrder("open", "scheduled", "visited", "closed");
        JsonArray states = rig.get("/api/reports/case-states", rig.adminToken()).bodyAsJsonArray();
        assertThat(states.stream().map(st -> ((JsonObject) st).getString("status")))
                .containsExactlyInAnyOrder("open", "scheduled", "visited", "closed");
        assertThat(states.stream().map(JsonObject.class::cast).filter(st -> st.getString("status").equals("closed")))
                .singleElement().satisfies(st -> assertThat(st.getLong("stillInIt")).isEqualTo(1));
    }

    @Test
    void a_visit_that_did_not_fix_it_sends_the_case_back_for_another_visit() {
        long id = post("/api/cases", new JsonObject().put("accountNumber", "10042").put("channel", "web")
                .put("category", "boiler").put("description", "Noisy boiler"), null).bodyAsJsonObject().getLong("id");
        JsonObject slot = rig.get("/api/cases/" + id + "/slots", alice).bodyAsJsonArray().getJsonObject(0);
        long visit = post("/api/cases/" + id + "/visits", new JsonObject().put("engineerId", slot.getLong("engineerId"))
                .put("startsAt", slot.getString("startsAt")), null).bodyAsJsonObject().getLong("id");

        report(visit, new JsonObject().put("outcome", "not_home")
                .put("workDone", "Nobody answered the door").put("minutesOnSite", 10));

        assertThat(rig.get("/api/cases/" + id, alice).bodyAsJsonObject().getString("status")).isEqualTo("open");
        assertThat(trail(id)).containsExactly("opened:open", "status:scheduled", "status:visited", "status:open");
        assertThat(post("/api/survey-less-path", new JsonObject(), null).statusCode())
                .as("an /api path no access rule names is closed").isEqualTo(403);
        assertThat(rig.client.post(rig.port, "127.0.0.1", "/survey/made-up-token")
                .sendJsonObject(new JsonObject().put("score", 3)).await().statusCode()).isEqualTo(404);
    }
}
