package dev.switchboard.cases;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.Seeds;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever shows a case (the agent's desk, the pop) learns of a change from {@link CaseChanges}:
 * every write to a case or to what is on it — edit, state move, visit booked, rescheduled,
 * cancelled, customer told, engineer's report, waitlist, escalation and its callback, linked
 * article, survey answer — announces the case once committed.
 */
class CaseChangesTest {

    private ServiceRig rig;
    private String admin;
    private final BlockingQueue<Long> announced = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        rig = new ServiceRig("changes", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(), false);
        Sql sql = Sql.on(rig.database);
        Seeds.adaAndGraceInTheNorth(sql);
        rig.start();
        admin = rig.adminToken();
        rig.vertx.eventBus().<JsonObject>consumer(CaseChanges.ADDRESS, m -> announced.add(m.body().getLong("caseId")))
                .completion().await();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void every_write_to_a_case_or_what_is_on_it_announces_the_case() throws Exception {
        long id = announces("opened", () -> open("No hot water")).getLong("id");
        announces("edited", () -> send("PATCH", "/api/cases/" + id, new JsonObject().put("category", "boiler")
                .put("priority", "high").put("description", "No hot water at all"), version(id)));

        long visit = announces("booked", () -> book(id, 0)).getLong("id");
        announces("customer told", () -> send("POST", "/api/visits/" + visit + "/advised", new JsonObject().put("via", "sms"), null));
        JsonObject later = slot(id, 2);
        long moved = announces("rescheduled", () -> send("POST", "/api/visits/" + visit + "/reschedule", new JsonObject()
                .put("startsAt", later.getString("startsAt")), null)).getLong("id");
        announces("cancelled", () -> send("POST", "/api/visits/" + moved + "/cancel", new JsonObject().put("reason", "away"), null));
        announces("waitlisted", () -> send("POST", "/api/cases/" + id + "/waitlist", new JsonObject()
                .put("wantedBy", Instant.now().plus(3, ChronoUnit.DAYS).toString()), null));
        long last = announces("booked again", () -> book(id, 0)).getLong("id");
        announces("reported", () -> send("POST", "/api/visits/" + last + "/report", new JsonObject().put("outcome", "fixed")
                .put("workDone", "Replaced the valve").put("minutesOnSite", 40), null));
        String survey = announces("closed", () -> send("POST", "/api/cases/" + id + "/transitions", new JsonObject()
                .put("to", "closed").put("resolutionCode", "fixed-on-visit"), version(id)))
                .getJsonObject("survey").getString("link");
        announces("survey answered", () -> {
            HttpResponse<Buffer> answer = rig.client.post(rig.port, "127.0.0.1", survey)
                    .sendJsonObject(new JsonObject().put("score", 5)).await();
            assertThat(answer.statusCode()).isEqualTo(204);
            return new JsonObject();
        }, id);

        long other = announces("opened", () -> open("Boiler makes a noise")).getLong("id");
        long article = send("POST", "/api/kb/articles", new JsonObject().put("title", "Bleeding a noisy boiler")
                .put("body", "Open the bleed valve").put("category", "boiler"), null).getLong("id");
        announces("article linked", () -> send("POST", "/api/cases/" + other + "/articles",
                new JsonObject().put("articleId", article), null), other);
        long callback = announces("escalated", () -> send("POST", "/api/cases/" + other + "/escalations", new JsonObject()
                .put("to", "specialist").put("reason", "Noise after the bleed")
                .put("callbackDueAt", Instant.now().plus(2, ChronoUnit.HOURS).toString()), version(other)), other).getLong("id");
        announces("callback done", () -> send("POST", "/api/callbacks/" + callback + "/done",
                new JsonObject().put("outcome", "talked it through"), null), other);
    }

    private interface Write {
        JsonObject run() throws Exception;
    }

    /** Runs the write and waits for the announcement of the case it returned (or {@code caseId}). */
    private JsonObject announces(String what, Write write) throws Exception {
        return announces(what, write, null);
    }

    private JsonObject announces(String what, Write write, Long caseId) throws Exception {
        announced.clear();
        JsonObject result = write.run();
        long expected = caseId != null ? caseId : result.containsKey("caseId") ? result.getLong("caseId") : result.getLong("id");
        Long heard = announced.poll(5, TimeUnit.SECONDS);
        assertThat(heard).as(what + " announces case " + expected).isEqualTo(expected);
        return result;
    }

    private JsonObject open(String description) {
        return send("POST", "/api/cases", new JsonObject().put("accountNumber", "10042").put("channel", "phone")
                .put("category", "boiler").put("description", description), null);
    }

    private JsonObject slot(long caseId, int index) {
        return rig.get("/api/cases/" + caseId + "/slots", admin).bodyAsJsonArray().getJsonObject(index);
    }

    private JsonObject book(long caseId, int index) {
        JsonObject slot = slot(caseId, index);
        return send("POST", "/api/cases/" + caseId + "/visits", new JsonObject().put("engineerId", slot.getLong("engineerId"))
                .put("startsAt", slot.getString("startsAt")), null);
    }

    private int version(long caseId) {
        return rig.get("/api/cases/" + caseId, admin).bodyAsJsonObject().getInteger("version");
    }

    private JsonObject send(String method, String path, JsonObject body, Integer version) {
        var request = rig.client.request(HttpMethod.valueOf(method), rig.port, "127.0.0.1", path)
                .putHeader("Authorization", "Bearer " + admin);
        if (version != null) {
            request.putHeader("If-Match", "\"" + version + "\"");
        }
        HttpResponse<Buffer> response = request.sendJsonObject(body).await();
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.bodyAsString()).isBetween(200, 299);
        return response.bodyAsJsonObject();
    }
}
