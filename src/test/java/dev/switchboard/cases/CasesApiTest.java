package dev.switchboard.cases;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Service requests over the API: states, the audit trail, versions, and clear refusals. */
class CasesApiTest {

    private static ServiceRig rig;
    private static String token;

    @BeforeAll
    static void startWithOneAccount() throws Exception {
        rig = new ServiceRig("cases", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(), false);
        Sql.on(rig.database).execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        rig.start();
        token = rig.adminToken();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static HttpResponse<Buffer> post(String path, JsonObject body, Integer version) {
        var request = rig.client.post(rig.port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
        if (version != null) {
            request.putHeader("If-Match", "\"" + version + "\"");
        }
        return request.sendJsonObject(body).await();
    }

    private static HttpResponse<Buffer> patch(long id, JsonObject body, Integer version) {
        var request = rig.client.patch(rig.port, "127.0.0.1", "/api/cases/" + id)
                .putHeader("Authorization", "Bearer " + token);
        if (version != null) {
            request.putHeader("If-Match", "\"" + version + "\"");
        }
        return request.sendJsonObject(body).await();
    }

    private static JsonObject newCase() {
        HttpResponse<Buffer> created = post("/api/cases", new JsonObject().put("accountNumber", "10042")
                .put("channel", "phone").put("category", "boiler").put("description", "No hot water"), null);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject();
    }

    private static HttpResponse<Buffer> move(long id, int version, String to) {
        return post("/api/cases/" + id + "/transitions", new JsonObject().put("to", to).put("reason", "test")
                .put("resolutionCode", "fixed"), version);
    }

    @Test
    void a_new_case_is_open_at_version_0_with_its_opening_in_the_audit_trail() {
        HttpResponse<Buffer> created = post("/api/cases", new JsonObject().put("accountNumber", "10042")
                .put("channel", "email").put("category", "boiler").put("description", "No hot water"), null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.getHeader("ETag")).isEqualTo("\"0\"");
        JsonObject c = created.bodyAsJsonObject();
        assertThat(c.getString("status")).isEqualTo("open");
        assertThat(c.getString("accountName")).isEqualTo("Ada Lovelace");
        assertThat(c.getJsonArray("allowedTransitions"))
                .containsExactlyInAnyOrder("scheduled", "resolved", "escalated", "waiting_parts", "cancelled");
        JsonArray events = rig.get("/api/cases/" + c.getLong("id") + "/events", token).bodyAsJsonArray();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(((JsonObject) e).getString("kind")).isEqualTo("opened");
            assertThat(((JsonObject) e).getString("actor")).isEqualTo("admin");
            assertThat(((JsonObject) e).getString("to")).isEqualTo("open");
        });
    }

    @Test
    void every_forbidden_transition_is_refused_with_the_allowed_ones_and_every_allowed_one_is_made() throws Exception {
        Sql sql = Sql.on(rig.database);
        for (CaseStatus from : CaseStatus.values()) {
            for (CaseStatus to : CaseStatus.values()) {
                long id = newCase().getLong("id");
                sql.execute("UPDATE cases SET status = '" + from.code() + "', closed_at = "
                        + (from == CaseStatus.CLOSED ? "NOW(3)" : "NULL") + " WHERE id = " + id);
                HttpResponse<Buffer> answer = move(id, 0, to.code());
                String as = from.code() + " → " + to.code() + ": " + answer.bodyAsString();
                if (from.mayBecome(to)) {
                    assertThat(answer.statusCode()).as(as).isEqualTo(200);
                    assertThat(answer.bodyAsJsonObject().getString("status")).as(as).isEqualTo(to.code());
                    assertThat(answer.bodyAsJsonObject().getInteger("version")).as(as).isEqualTo(1);
                } else {
                    assertThat(answer.statusCode()).as(as).isEqualTo(409);
                    JsonObject problem = answer.bodyAsJsonObject();
                    assertThat(problem.getString("code")).as(as).isEqualTo("forbidden_transition");
                    assertThat(problem.getJsonArray("allowed").getList()).as(as)
                            .containsExactlyInAnyOrderElementsOf(from.next().stream().map(CaseStatus::code).toList());
                    assertThat(rig.get("/api/cases/" + id, token).bodyAsJsonObject().getString("status")).as(as)
                            .isEqualTo(from.code());
                }
            }
        }
    }

    @Test
    void only_done_work_can_be_closed_and_closing_needs_a_resolution_code() {
        long id = newCase().getLong("id");
        assertThat(move(id, 0, "closed").statusCode()).isEqualTo(409);
        assertThat(move(id, 0, "resolved").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> noCode = post("/api/cases/" + id + "/transitions", new JsonObject().put("to", "closed"), 1);
        assertThat(noCode.statusCode()).isEqualTo(422);
        assertThat(noCode.bodyAsJsonObject().getJsonObject("fields").getString("resolutionCode")).isNotBlank();
        JsonObject closed = move(id, 1, "closed").bodyAsJsonObject();
        assertThat(closed.getString("status")).isEqualTo("closed");
        assertThat(closed.getString("resolutionCode")).isEqualTo("fixed");
        assertThat(closed.getString("closedAt")).isNotNull();
        JsonObject reopened = move(id, 2, "open").bodyAsJsonObject();
        assertThat(reopened.getValue("closedAt")).isNull();
        JsonArray events = rig.get("/api/cases/" + id + "/events", token).bodyAsJsonArray();
        assertThat(events.stream().map(e -> ((JsonObject) e).getString("kind")))
                .containsExactly("opened", "status", "status", "survey-sent", "reopened");
    }

    @Test
    void two_agents_editing_one_case_cannot_overwrite_each_other() {
        long id = newCase().getLong("id");
        JsonObject edit = new JsonObject().put("category", "heating").put("description", "Radiator cold")
                .put("reason", "caller corrected it");

        HttpResponse<Buffer> first = patch(id, edit, 0);
        HttpResponse<Buffer> second = patch(id, edit.copy().put("category", "plumbing"), 0);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(second.statusCode()).isEqualTo(412);
        assertThat(second.bodyAsJsonObject().getString("code")).isEqualTo("stale_version");
        assertThat(second.bodyAsJsonObject().getInteger("version")).isEqualTo(1);
        assertThat(move(id, 0, "resolved").statusCode()).as("a transition on a stale version").isEqualTo(412);
        assertThat(patch(id, edit, null).statusCode()).as("no If-Match at all").isEqualTo(428);
        assertThat(rig.get("/api/cases/" + id, token).bodyAsJsonObject().getString("category")).isEqualTo("heating");
    }

    @Test
    void of_twenty_simultaneous_changes_on_one_version_exactly_one_wins() {
        long id = newCase().getLong("id");
        List<Future<HttpResponse<Buffer>>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(rig.client.post(rig.port, "127.0.0.1", "/api/cases/" + id + "/transitions")
                    .putHeader("Authorization", "Bearer " + token).putHeader("If-Match", "\"0\"")
                    .sendJsonObject(new JsonObject().put("to", i % 2 == 0 ? "escalated" : "waiting_parts")));
        }
        Future.join(attempts).await();

        assertThat(attempts.stream().filter(a -> a.result().statusCode() == 200)).hasSize(1);
        assertThat(attempts.stream().filter(a -> a.result().statusCode() == 412)).hasSize(19);
        assertThat(rig.get("/api/cases/" + id + "/events", token).bodyAsJsonArray()).hasSize(2);
    }

    @Test
    void an_opening_sent_again_with_its_idempotency_key_opens_one_case_even_all_at_once() {
        JsonObject body = new JsonObject().put("accountNumber", "10042").put("channel", "phone")
                .put("category", "boiler").put("description", "Sent ten times");
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(rig.client.post(rig.port, "127.0.0.1", "/api/cases").putHeader("Authorization", "Bearer " + token)
                    .putHeader("Idempotency-Key", "form-1").sendJsonObject(body));
        }
        Future.join(sent).await();

        assertThat(sent).allSatisfy(f -> assertThat(f.result().statusCode()).as(f.result().bodyAsString()).isEqualTo(201));
        assertThat(sent.stream().map(f -> f.result().bodyAsJsonObject().getLong("id")).distinct()).hasSize(1);
        HttpResponse<Buffer> other = rig.client.post(rig.port, "127.0.0.1", "/api/cases")
                .putHeader("Authorization", "Bearer " + token).putHeader("Idempotency-Key", "form-2").sendJsonObject(body).await();
        assertThat(other.bodyAsJsonObject().getLong("id")).as("another form, another case")
                .isNotEqualTo(sent.get(0).result().bodyAsJsonObject().getLong("id"));
        HttpResponse<Buffer> tooLong = rig.client.post(rig.port, "127.0.0.1", "/api/cases")
                .putHeader("Authorization", "Bearer " + token).putHeader("Idempotency-Key", "k".repeat(129))
                .sendJsonObject(body).await();
        assertThat(tooLong.statusCode()).isEqualTo(400);
    }

    @Test
    void one_users_idempotency_key_never_finds_another_users_case() throws Exception {
        Sql.on(rig.database).execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(901, 'dana', 'Dana', '" + new PasswordHasher().hash("dana-password")
                + "', 'supervisor')");
        String dana = rig.login("dana", "dana-password").bodyAsJsonObject().getString("token");
        JsonObject body = new JsonObject().put("accountNumber", "10042").put("channel", "phone")
                .put("category", "boiler").put("description", "Same key, two people");

        long admins = rig.client.post(rig.port, "127.0.0.1", "/api/cases").putHeader("Authorization", "Bearer " + token)
                .putHeader("Idempotency-Key", "shared").sendJsonObject(body).await().bodyAsJsonObject().getLong("id");
        long danas = rig.client.post(rig.port, "127.0.0.1", "/api/cases").putHeader("Authorization", "Bearer " + dana)
                .putHeader("Idempotency-Key", "shared").sendJsonObject(body).await().bodyAsJsonObject().getLong("id");

        assertThat(danas).isNotEqualTo(admins);
    }

    @Test
    void bad_requests_say_which_field_is_wrong() {
        HttpResponse<Buffer> empty = post("/api/cases", new JsonObject(), null);
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.bodyAsJsonObject().getJsonObject("fields").fieldNames())
                .contains("accountNumber", "channel", "category", "description");
        HttpResponse<Buffer> wrong = post("/api/cases", new JsonObject().put("accountNumber", "99999").put("channel",
                "pigeon").put("category", 7).put("description", "x").put("priority", "whenever"), null);
        assertThat(wrong.bodyAsJsonObject().getJsonObject("fields").fieldNames())
                .containsExactlyInAnyOrder("channel", "category", "priority");
        HttpResponse<Buffer> unknownAccount = post("/api/cases", new JsonObject().put("accountNumber", "99999")
                .put("channel", "web").put("category", "boiler").put("description", "x"), null);
        assertThat(unknownAccount.statusCode()).isEqualTo(422);
        assertThat(unknownAccount.bodyAsJsonObject().getJsonObject("fields").getString("accountNumber"))
                .contains("no account");
        assertThat(rig.get("/api/cases/987654", token).statusCode()).isEqualTo(404);
        assertThat(rig.get("/api/cases/abc", token).statusCode()).isEqualTo(400);
        assertThat(move(987654, 0, "resolved").statusCode()).isEqualTo(404);
        assertThat(post("/api/cases/1/transitions", new JsonObject().put("to", "teleported"), 0).statusCode())
                .isEqualTo(422);
        HttpResponse<Buffer> malformed = rig.client.post(rig.port, "127.0.0.1", "/api/cases")
                .putHeader("Authorization", "Bearer " + token).sendBuffer(Buffer.buffer("{\"accountNumber\":")).await();
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(rig.get("/api/cases/1", null).statusCode()).isEqualTo(401);
    }
}
