package dev.switchboard.web;

import dev.switchboard.sim.Recording;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route that takes a body, sent what no client should send — a broken JSON text, an array,
 * fields of the wrong types, SQL in a name, a body far over the limit — answers 4xx with a message
 * that says what is wrong, and nothing in the database changes.
 */
class BadRequestBodiesTest {

    private static final String PASSWORD = "bodies-password";
    private static final String SQL = "x'); DROP TABLE cases; --";

    private static ServiceRig rig;
    private static String admin;
    private static String agent;

    @BeforeAll
    static void start() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        rig = new ServiceRig("bodies", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(answered.snapshots(), List.of()), Map.of(), false);
        Sql sql = Sql.on(rig.database);
        String hash = new PasswordHasher().hash(PASSWORD);
        sql.execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(101, 'alice', 'Alice', '" + hash + "', 'agent'), (401, 'root2', 'Root', '" + hash + "', 'admin')");
        sql.execute("INSERT INTO agents (id, user_id, member_name) VALUES (1, 101, 'Alice')");
        sql.execute("INSERT INTO agent_interfaces (interface, agent_id) VALUES ('Local/1001@agents/n', 1)");
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'sf', 'San Francisco')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Grace Engineer', 1)");
        sql.execute("INSERT INTO cases (id, account_id, channel, category, description) VALUES (1, 1, 'phone', 'boiler', 'Cold')");
        LocalDateTime tomorrow = LocalDateTime.now(ZoneOffset.UTC).withNano(0).plusDays(1);
        sql.execute("INSERT INTO visits (id, case_id, engineer_id, starts_at, ends_at) VALUES (1, 1, 1, '"
                + tomorrow + "', '" + tomorrow.plusHours(2) + "')");
        rig.start();
        admin = rig.login("root2", PASSWORD).bodyAsJsonObject().getString("token");
        agent = rig.login("alice", PASSWORD).bodyAsJsonObject().getString("token");
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    /**
     * Rows per table, leaving out the counters of requests per address (the survey pages count
     * every request, refused or not): what a refused body must not change.
     */
    private static Map<String, Long> storedData() throws Exception {
        Map<String, Long> data = new TreeMap<>(Sql.on(rig.database).rowCounts());
        data.remove("attempt_counters");
        return data;
    }

    /** Writes that take no body at all, so there is nothing in one to refuse. */
    private static final Set<String> WITHOUT_A_BODY = Set.of("POST /api/logout", "POST /api/ws-tickets");

    /** Every POST, PUT and PATCH that takes a body, with ids of rows that exist. */
    private static List<String[]> writeRoutes() {
        List<String[]> routes = new ArrayList<>();
        for (String route : rig.routes()) {
            String[] parts = route.split(" ", 2);
            if (List.of("POST", "PUT", "PATCH").contains(parts[0]) && !WITHOUT_A_BODY.contains(route)) {
                String path = parts[1].replace(":name", "support").replace(":token", "no-such-token").replace(":id", "1");
                routes.add(new String[]{parts[0], path, path.startsWith("/api/agent/") ? agent : admin});
            }
        }
        assertThat(routes).hasSizeGreaterThan(20);
        return routes;
    }

    @Test
    void broken_json_an_array_or_fields_of_the_wrong_types_get_a_4xx_saying_so_and_nothing_is_stored()
            throws Exception {
        Map<String, Long> before = storedData();
        JsonObject wrongTypes = new JsonObject();
        documentedBodyFields().forEach(field ->
                wrongTypes.put(field, new JsonObject().put("nested", new JsonArray().add(SQL))));
        assertThat(wrongTypes.fieldNames()).contains("accountNumber", "reason", "startsAt", "interfaces", "active");
        List<String> wrong = new ArrayList<>();
        for (String[] route : writeRoutes()) {
            for (Buffer body : List.of(Buffer.buffer("{\"description\": \"unfinished"), Buffer.buffer("[1, 2, 3]"),
                    Buffer.buffer("null"), wrongTypes.toBuffer())) {
                HttpResponse<Buffer> response = send(route, body);
                if (!clearRefusal(response)) {
                    wrong.add(route[0] + " " + route[1] + " with " + body.toString().substring(0,
                            Math.min(30, body.length())) + ": " + response.statusCode() + " " + response.bodyAsString());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(storedData()).isEqualTo(before);
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413_before_any_route_reads_it() throws Exception {
        Map<String, Long> before = storedData();
        Buffer huge = new JsonObject().put("description", "x".repeat(300 * 1024)).toBuffer();
        for (String[] route : writeRoutes()) {
            HttpResponse<Buffer> response = send(route, huge);
            assertThat(response.statusCode()).as(route[0] + " " + route[1]).isEqualTo(413);
            assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("too_large");
        }
        assertThat(storedData()).isEqualTo(before);
    }

    @Test
    void sql_in_a_name_is_refused_and_sql_in_free_text_is_kept_as_the_words_it_is() throws Exception {
        HttpResponse<Buffer> user = send(new String[]{"POST", "/api/admin/users", admin}, new JsonObject()
                .put("username", SQL).put("displayName", "X").put("role", "agent").put("password", "long-enough-password")
                .toBuffer());
        assertThat(user.statusCode()).isEqualTo(422);
        assertThat(user.bodyAsJsonObject().getJsonObject("fields").getString("username")).isNotBlank();

        HttpResponse<Buffer> opened = send(new String[]{"POST", "/api/cases", agent}, new JsonObject()
                .put("accountNumber", "10042").put("channel", "phone").put("category", "boiler").put("description", SQL)
                .toBuffer());
        assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(201);
        long id = opened.bodyAsJsonObject().getLong("id");
        assertThat(Sql.on(rig.database).text("SELECT description FROM cases WHERE id = " + id)).isEqualTo(SQL);
        assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM cases")).isEqualTo(2);
    }

    /** Every field of every request body the API description documents. */
    private static Set<String> documentedBodyFields() throws Exception {
        JsonObject api;
        try (InputStream in = BadRequestBodiesTest.class.getResourceAsStream("/openapi.json")) {
            api = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Set<String> fields = new TreeSet<>();
        collectProperties(api, fields);
        return fields;
    }

    private static void collectProperties(Object node, Set<String> fields) {
        if (node instanceof JsonObject object) {
            if (object.getValue("properties") instanceof JsonObject properties) {
                fields.addAll(properties.fieldNames());
            }
            object.forEach(entry -> collectProperties(entry.getValue(), fields));
        } else if (node instanceof JsonArray array) {
            array.forEach(item -> collectProperties(item, fields));
        }
    }

    /** A 4xx whose JSON body names the problem in words. */
    private static boolean clearRefusal(HttpResponse<Buffer> response) {
        if (response.statusCode() < 400 || response.statusCode() >= 500) {
            return false;
        }
        try {
            String message = response.bodyAsJsonObject().getString("message");
            return message != null && !message.isBlank();
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private static HttpResponse<Buffer> send(String[] route, Buffer body) {
        return rig.client.request(HttpMethod.valueOf(route[0]), rig.port, "127.0.0.1", route[1])
                .putHeader("Authorization", "Bearer " + route[2])
                .putHeader("Content-Type", "application/json")
                .sendBuffer(body).await();
    }
}
