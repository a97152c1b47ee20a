package dev.switchboard.web.auth;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.Recording;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.WallboardClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, over HTTP against the whole service: each role's own routes, refusals with a
 * message naming the role needed, an agent kept to the cases they may work, ready/paused reaching
 * Asterisk, WebSockets only from Switchboard's own pages, and the UI's security headers.
 */
class RolesAndAccessTest {

    private static final String PASSWORD = "roles-password";
    private static ServiceRig rig;
    private static Recording answered;

    @BeforeAll
    static void start() throws Exception {
        answered = Recording.read(Recordings.file("answered"));
        rig = new ServiceRig("roles", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(answered.snapshots(), List.of()), Map.of(), false);
        Sql sql = Sql.on(rig.database);
        String hash = new PasswordHasher().hash(PASSWORD);
        sql.execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(101, 'alice', 'Alice', '" + hash + "', 'agent'), (103, 'carol', 'Carol', '" + hash + "', 'agent'), "
                + "(105, 'eve', 'Eve', '" + hash + "', 'agent'), "
                + "(201, 'sue', 'Sue', '" + hash + "', 'supervisor'), (301, 'dan', 'Dan', '" + hash + "', 'dispatcher')");
        sql.execute("INSERT INTO agents (id, user_id, member_name) VALUES (1, 101, 'Alice'), (3, 103, 'Carol'), (5, 105, 'Eve')");
        sql.execute("INSERT INTO agent_interfaces (interface, agent_id) VALUES "
                + "('Local/1001@agents/n', 1), ('Local/1003@agents/n', 3), ('PJSIP/9999', 5)");
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'sf', 'San Francisco')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Grace Engineer', 1)");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        sql.execute("INSERT INTO cases (id, account_id, channel, category, description, created_by_user_id, assigned_user_id) "
                + "VALUES (1, 1, 'phone', 'boiler', 'The team''s', NULL, NULL), "
                + "(2, 1, 'phone', 'heating', 'Carol''s', 103, 103), (3, 1, 'phone', 'plumbing', 'Opened by Alice', 101, NULL)");
        sql.execute("INSERT INTO visits (id, case_id, engineer_id, starts_at, ends_at) VALUES (1, 2, 1, '"
                + now.plusDays(1) + "', '" + now.plusDays(1).plusHours(2) + "')");
        rig.start();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static String token(String user) {
        return rig.login(user, PASSWORD).bodyAsJsonObject().getString("token");
    }

    private static HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
        var request = rig.client.request(method, rig.port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
        return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    @Test
    void every_api_route_has_a_rule_saying_who_may_use_it() {
        List<String> unruled = rig.routes().stream()
                .filter(route -> route.contains(" /api/") && !route.equals("POST /api/login"))
                .filter(route -> {
                    String[] parts = route.split(" ", 2);
                    String path = parts[1].replaceAll(":[a-z]+", "7");
                    return AccessPolicy.ruleFor(HttpMethod.valueOf(parts[0]), path).isEmpty();
                }).toList();
        assertThat(unruled).isEmpty();
    }

    @Test
    void each_role_reaches_its_own_pages_and_is_refused_the_others_with_the_role_named() {
        String alice = token("alice");
        String sue = token("sue");
        String dan = token("dan");

        assertThat(call(HttpMethod.GET, "/api/me", alice, null).bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("username", "alice").put("role", "agent"));
        for (String path : List.of("/api/queues", "/api/calls", "/api/reports/intervals?queue=support",
                "/api/dispatch/visits", "/api/waitlist")) {
            HttpResponse<Buffer> refused = call(HttpMethod.GET, path, alice, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.bodyAsJsonObject().getString("message")).as(path).contains("you are agent");
        }
        assertThat(call(HttpMethod.POST, "/api/kb/articles", alice, new JsonObject()).statusCode()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, "/api/visits/1/report", alice, new JsonObject()).statusCode()).isEqualTo(403);

        assertThat(call(HttpMethod.GET, "/api/queues", sue, null).statusCode()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/agent/state", sue, null).statusCode()).isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/agent/pops", sue, null).statusCode()).isEqualTo(403);

        HttpResponse<Buffer> day = call(HttpMethod.GET, "/api/dispatch/visits", dan, null);
        assertThat(day.statusCode()).isEqualTo(200);
        assertThat(day.bodyAsJsonObject().getJsonArray("engineers")).isNotNull();
        assertThat(call(HttpMethod.GET, "/api/dispatch/visits?date=tomorrow", dan, null).statusCode()).isEqualTo(400);
        assertThat(call(HttpMethod.GET, "/api/queues", dan, null).statusCode()).isEqualTo(403);
    }

    @Test
    void an_agent_works_the_teams_cases_and_their_own_but_not_a_colleagues() {
        String alice = token("alice");
        assertThat(call(HttpMethod.GET, "/api/cases/1", alice, null).statusCode()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/cases/3", alice, null).statusCode()).isEqualTo(200);
        for (String path : List.of("/api/cases/2", "/api/cases/2/events", "/api/cases/2/slots", "/api/visits/1")) {
            HttpResponse<Buffer> refused = call(HttpMethod.GET, path, alice, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.bodyAsJsonObject().getString("message")).as(path).contains("assigned to someone else");
        }
        assertThat(call(HttpMethod.GET, "/api/cases/2", token("carol"), null).statusCode()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/cases/2", token("sue"), null).statusCode()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/cases/999", alice, null).statusCode()).isEqualTo(404);

        JsonArray mine = call(HttpMethod.GET, "/api/cases", alice, null).bodyAsJsonArray();
        assertThat(mine.stream().map(c -> ((JsonObject) c).getLong("id")).toList()).containsExactly(3L);
    }

    @Test
    void ready_and_paused_with_a_reason_go_to_asterisk_for_the_agents_phone_and_come_back_as_their_state()
            throws Exception {
        String alice = token("alice");
        WallboardClient wallboard = WallboardClient.open(rig, token("sue"));
        HttpResponse<Buffer> paused = call(HttpMethod.POST, "/api/agent/state", alice,
                new JsonObject().put("state", "paused").put("reason", "Lunch"));
        assertThat(paused.statusCode()).as(paused.bodyAsString()).isEqualTo(200);
        assertThat(paused.bodyAsJsonObject().getJsonArray("interfaces")).containsExactly("Local/1001@agents/n");
        AmiMessage sent = rig.asterisk.actions().get(rig.asterisk.actions().size() - 1);
        assertThat(sent.getOrEmpty("Action")).isEqualToIgnoringCase("QueuePause");
        assertThat(sent.getOrEmpty("Interface")).isEqualTo("Local/1001@agents/n");
        assertThat(sent.getOrEmpty("Paused")).isEqualTo("true");
        assertThat(sent.getOrEmpty("Reason")).isEqualTo("Lunch");

        wallboard.await(delta -> aliceIn(delta, "paused"), Duration.ofSeconds(10));
        assertThat(supportState(alice)).containsEntry("state", "paused").containsEntry("pausedReason", "Lunch");

        assertThat(call(HttpMethod.POST, "/api/agent/state", alice, new JsonObject().put("state", "ready")).statusCode())
                .isEqualTo(200);
        wallboard.await(delta -> aliceIn(delta, "ready"), Duration.ofSeconds(10));
        assertThat(supportState(alice)).containsEntry("state", "ready");
        wallboard.close();
    }

    /** A wallboard delta of support in which Alice is in {@code state}: Asterisk's QueueMemberPause has been applied. */
    private static boolean aliceIn(JsonObject delta, String state) {
        if (!"queue".equals(delta.getString("type")) || !"support".equals(delta.getJsonObject("queue").getString("name"))) {
            return false;
        }
        return delta.getJsonObject("queue").getJsonArray("agentList").stream().map(JsonObject.class::cast)
                .anyMatch(a -> "Alice".equals(a.getString("name")) && state.equals(a.getString("state")));
    }

    /** Alice's entry for support as her own page reads it. */
    private static Map<String, Object> supportState(String token) {
        return call(HttpMethod.GET, "/api/agent/state", token, null).bodyAsJsonObject().getJsonArray("queues").stream()
                .map(JsonObject.class::cast).filter(q -> q.getString("queue").equals("support")).findFirst()
                .orElseThrow().getMap();
    }

    @Test
    void a_pause_reason_that_could_smuggle_an_ami_header_is_refused_and_a_phone_in_no_queue_is_told_so() {
        String alice = token("alice");
        int before = rig.asterisk.actions().size();
        for (JsonObject bad : List.of(new JsonObject().put("state", "paused").put("reason", "Lunch\r\nAction: Originate"),
                new JsonObject().put("state", "paused"), new JsonObject().put("state", "asleep"), new JsonObject())) {
            HttpResponse<Buffer> refused = call(HttpMethod.POST, "/api/agent/state", alice, bad);
            assertThat(refused.statusCode()).as(bad.encode()).isEqualTo(422);
        }
        assertThat(rig.asterisk.actions()).hasSize(before);

        HttpResponse<Buffer> nowhere = call(HttpMethod.POST, "/api/agent/state", token("eve"),
                new JsonObject().put("state", "ready"));
        assertThat(nowhere.statusCode()).isEqualTo(409);
        assertThat(nowhere.bodyAsJsonObject().getString("message")).contains("PJSIP/9999").contains("no queue");
    }

    @Test
    void a_websocket_from_another_sites_page_is_refused_even_with_a_good_ticket() {
        String sue = token("sue");
        HttpResponse<Buffer> foreign = rig.client.get(rig.port, "127.0.0.1", "/api/queues/live?ticket=" + rig.ticket(sue))
                .putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade")
                .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").putHeader("Sec-WebSocket-Version", "13")
                .putHeader("Origin", "http://evil.example").send().await();
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    @Test
    void the_pages_are_served_with_headers_that_keep_them_to_their_own_origin() {
        HttpResponse<Buffer> login = rig.get("/", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.getHeader("Content-Type")).startsWith("text/html");
        assertThat(login.bodyAsString()).contains("id=\"login-form\"");
        assertThat(login.getHeader("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(login.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(rig.get("/js/api.js", null).getHeader("Content-Type")).contains("javascript");
        assertThat(rig.get("/no-such-page.html", null).statusCode()).isEqualTo(404);
    }
}
