package dev.switchboard.calls;

import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.WallboardClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service against a simulated Asterisk playing the answered call: the journey is served
 * by {@code GET /api/calls} to a logged-in user, and to no one else.
 */
class CallsApiTest {

    private ServiceRig rig;

    @BeforeEach
    void startTheServiceBesideASimulatedAsterisk() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        rig = new ServiceRig("api_calls", answered.banner(), vertx -> () -> new ReplayFeed(vertx, answered, 10),
                Map.of());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void a_logged_in_user_gets_the_answered_call_with_its_queue_leg() throws Exception {
        assertThat(get("/ready", null).statusCode()).isEqualTo(200);
        String token = rig.adminToken();
        rig.feedHeard.get(30, TimeUnit.SECONDS);

        JsonObject call = awaitEndedCall(token);

        assertThat(call.getString("linkedid")).isEqualTo("1795346056.0");
        assertThat(call.getString("callerNumber")).isEqualTo("+14155550101");
        assertThat(call.getString("account")).isEqualTo("10042");
        assertThat(call.getString("source")).as("where each fact came from").isEqualTo("ami");
        assertThat(call.getString("endedSource")).isEqualTo("ami");
        JsonObject leg = call.getJsonArray("legs").getJsonObject(0);
        assertThat(leg.getString("queue")).isEqualTo("support");
        assertThat(leg.getInteger("position")).isEqualTo(1);
        assertThat(leg.getString("outcome")).isEqualTo("answered");
        assertThat(leg.getLong("holdSeconds")).isEqualTo(2);
        assertThat(leg.getString("agent")).isEqualTo("Alice");
        assertThat(leg.getLong("talkSeconds")).isEqualTo(14);
        assertThat(leg.getInteger("ringNoAnswers")).isZero();
        assertThat(leg.getString("joinedAt")).isNotNull();
        assertThat(leg.getString("joinedSource")).isEqualTo("ami");
        assertThat(leg.getString("outcomeSource")).isEqualTo("ami");
        assertThat(leg.getJsonArray("rings")).singleElement().satisfies(ring -> {
            JsonObject r = (JsonObject) ring;
            assertThat(r.getString("agent")).isEqualTo("Alice");
            assertThat(r.getString("outcome")).isEqualTo("answered");
            assertThat(r.getLong("ringMs")).isEqualTo(2000);
            assertThat(r.getString("source")).isEqualTo("ami");
        });

        assertThat(get("/api/calls?from=2000-01-01&to=2000-01-02", token).bodyAsJsonArray()).isEmpty();
    }

    @Test
    void without_a_valid_token_the_calls_are_refused() {
        HttpResponse<Buffer> anonymous = get("/api/calls", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.bodyAsJsonObject().getString("code")).isEqualTo("unauthorized");
        assertThat(get("/api/calls", "made-up-token").statusCode()).isEqualTo(401);
        assertThat(login("admin", "wrong").statusCode()).isEqualTo(401);
        assertThat(login("nobody", ServiceRig.ADMIN_PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void bad_requests_get_a_400_that_says_what_is_wrong() {
        HttpResponse<Buffer> malformed = rig.client.post(rig.port, "127.0.0.1", "/api/login")
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"username\": ")).await();
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.bodyAsJsonObject().getString("code")).isEqualTo("malformed_json");
        HttpResponse<Buffer> wrongType = rig.client.post(rig.port, "127.0.0.1", "/api/login")
                .sendJsonObject(new JsonObject().put("username", 42).put("password", "x")).await();
        assertThat(wrongType.statusCode()).isEqualTo(400);

        String token = login("admin", ServiceRig.ADMIN_PASSWORD).bodyAsJsonObject().getString("token");
        HttpResponse<Buffer> badDate = get("/api/calls?from=yesterday", token);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.bodyAsJsonObject().getString("message")).contains("from");
        assertThat(get("/api/calls?from=2026-01-02&to=2026-01-01", token).statusCode()).isEqualTo(400);
        assertThat(get("/api/calls?limit=0", token).statusCode()).isEqualTo(400);
    }

    @Test
    void five_wrong_passwords_lock_the_name_for_a_while_even_with_the_right_one() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("admin", "guess " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<Buffer> locked = login("admin", ServiceRig.ADMIN_PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.getHeader("Retry-After")).isNotBlank();
    }

    /** Waits for support's figures to count the call's talk time (sent once it is stored), then reads it. */
    private JsonObject awaitEndedCall(String token) throws InterruptedException {
        try (WallboardClient wallboard = WallboardClient.open(rig, token)) {
            wallboard.awaitFigures("support", f -> f.getValue("ahtSeconds") != null, Duration.ofSeconds(30));
        }
        return get("/api/calls", token).bodyAsJsonArray().getJsonObject(0);
    }

    private HttpResponse<Buffer> login(String user, String password) {
        return rig.login(user, password);
    }

    private HttpResponse<Buffer> get(String path, String token) {
        return rig.get(path, token);
    }
}
