package dev.switchboard.audit;

import dev.switchboard.sim.Recording;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin audit over HTTP against the whole service: each change an admin makes to users,
 * agents' phones, answer targets and engineers leaves exactly one entry, with who made it, from
 * which address, and the fields before and after; a refused change leaves none; a password is
 * only ever "changed".
 */
class AdminAuditTest {

    private static ServiceRig rig;
    private static String admin;
    private static long adminId;

    @BeforeAll
    static void start() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        rig = new ServiceRig("audit", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(answered.snapshots(), List.of()), Map.of(), false);
        Sql.on(rig.database).execute("INSERT INTO regions (id, code, name) VALUES (1, 'north', 'North')");
        Sql.on(rig.database).execute("INSERT INTO skills (id, code, name) VALUES (1, 'boiler', 'Boilers')");
        rig.start();
        admin = rig.adminToken();
        adminId = Long.parseLong(Sql.on(rig.database).text("SELECT id FROM users WHERE username = 'admin'"));
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
        var request = rig.client.request(method, rig.port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
        return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    /** The audit's entries about one subject, newest first. */
    private static List<JsonObject> entriesAbout(String subjectName) {
        HttpResponse<Buffer> page = call(HttpMethod.GET, "/api/admin/audit?limit=200", admin, null);
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        return page.bodyAsJsonObject().getJsonArray("entries").stream().map(JsonObject.class::cast)
                .filter(e -> subjectName.equals(e.getJsonObject("subject").getString("name"))).toList();
    }

    private static void byTheAdminFromLoopback(JsonObject entry) {
        assertThat(entry.getJsonObject("actor")).isEqualTo(new JsonObject().put("userId", adminId).put("name", "admin"));
        assertThat(entry.getString("address")).isEqualTo("127.0.0.1");
        assertThat(entry.getString("at")).isNotBlank();
    }

    @Test
    void adding_a_user_is_recorded_once_with_who_from_where_and_the_new_user_but_never_their_password() throws Exception {
        HttpResponse<Buffer> added = call(HttpMethod.POST, "/api/admin/users", admin, new JsonObject()
                .put("username", "nell").put("displayName", "Nell").put("role", "agent")
                .put("password", "Tall-Trees-Whisper-7"));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);

        List<JsonObject> entries = entriesAbout("nell");
        assertThat(entries).hasSize(1);
        JsonObject entry = entries.get(0);
        byTheAdminFromLoopback(entry);
        assertThat(entry.getString("action")).isEqualTo("user.create");
        assertThat(entry.getJsonObject("subject")).isEqualTo(new JsonObject().put("kind", "user")
                .put("id", added.bodyAsJsonObject().getLong("id")).put("name", "nell"));
        assertThat(entry.getValue("before")).isNull();
        assertThat(entry.getJsonObject("after").getString("role")).isEqualTo("agent");
        assertThat(entry.getJsonObject("after").getString("displayName")).isEqualTo("Nell");
        assertThat(entry.getJsonObject("after").getString("password")).isEqualTo("changed");
        noPasswordOrHashInTheAudit("Tall-Trees-Whisper-7");

        HttpResponse<Buffer> taken = call(HttpMethod.POST, "/api/admin/users", admin, new JsonObject()
                .put("username", "nell").put("displayName", "Another Nell").put("role", "agent")
                .put("password", "Tall-Trees-Whisper-8"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(entriesAbout("nell")).as("a refused change leaves no entry").hasSize(1);
    }

    @Test
    void a_role_an_active_flag_and_a_password_set_by_the_admin_are_recorded_as_before_and_after() throws Exception {
        long id = call(HttpMethod.POST, "/api/admin/users", admin, new JsonObject().put("username", "otto")
                .put("displayName", "Otto").put("role", "agent").put("password", "Blue-Lantern-Harbour-3"))
                .bodyAsJsonObject().getLong("id");

        HttpResponse<Buffer> changed = call(HttpMethod.PATCH, "/api/admin/users/" + id, admin, new JsonObject()
                .put("role", "supervisor").put("active", false).put("password", "Green-Lantern-Harbour-4"));
        assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);

        List<JsonObject> entries = entriesAbout("otto");
        assertThat(entries).hasSize(2);
        JsonObject entry = entries.get(0);
        byTheAdminFromLoopback(entry);
        assertThat(entry.getString("action")).isEqualTo("user.change");
        assertThat(entry.getJsonObject("before")).isEqualTo(new JsonObject().put("role", "agent").put("active", true)
                .putNull("password"));
        assertThat(entry.getJsonObject("after")).isEqualTo(new JsonObject().put("role", "supervisor").put("active", false)
                .put("password", "changed"));
        noPasswordOrHashInTheAudit("Green-Lantern-Harbour-4");

        call(HttpMethod.PATCH, "/api/admin/users/" + id, admin, new JsonObject().put("role", "supervisor"));
        assertThat(entriesAbout("otto")).as("saving what is already there records nothing").hasSize(2);
    }

    @Test
    void a_refused_change_leaves_no_entry() {
        HttpResponse<Buffer> lastAdmin = call(HttpMethod.PATCH, "/api/admin/users/" + adminId, admin,
                new JsonObject().put("role", "agent"));
        assertThat(lastAdmin.statusCode()).isEqualTo(409);
        assertThat(entriesAbout("admin").stream().filter(e -> e.getString("action").equals("user.change")))
                .as("the last admin stays one, and nothing is recorded").isEmpty();
    }

    @Test
    void an_agents_queue_member_and_phones_are_recorded_whether_set_on_the_user_or_on_their_phone() {
        long id = call(HttpMethod.POST, "/api/admin/users", admin, new JsonObject().put("username", "pia")
                .put("displayName", "Pia").put("role", "agent").put("password", "Quiet-Meadow-Lark-55"))
                .bodyAsJsonObject().getLong("id");
        HttpResponse<Buffer> phone = call(HttpMethod.PUT, "/api/admin/users/" + id + "/phone", admin, new JsonObject()
                .put("memberName", "Pia").put("interfaces", new JsonArray().add("PJSIP/pia")));
        assertThat(phone.statusCode()).as(phone.bodyAsString()).isEqualTo(200);
        JsonObject byPhone = entriesAbout("pia").get(0);
        byTheAdminFromLoopback(byPhone);
        assertThat(byPhone.getString("action")).isEqualTo("user.phones");
        assertThat(byPhone.getJsonObject("before")).isEqualTo(new JsonObject().putNull("memberName")
                .put("interfaces", new JsonArray()));
        assertThat(byPhone.getJsonObject("after")).isEqualTo(new JsonObject().put("memberName", "Pia")
                .put("interfaces", new JsonArray().add("PJSIP/pia")));

        HttpResponse<Buffer> patched = call(HttpMethod.PATCH, "/api/admin/users/" + id, admin, new JsonObject()
                .put("displayName", "Pia Agent").put("memberName", "Pia").put("interfaces", new JsonArray().add("PJSIP/pia2")));
        assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
        List<JsonObject> entries = entriesAbout("pia");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).getJsonObject("before")).isEqualTo(new JsonObject().put("displayName", "Pia")
                .put("interfaces", new JsonArray().add("PJSIP/pia")));
        assertThat(entries.get(0).getJsonObject("after")).isEqualTo(new JsonObject().put("displayName", "Pia Agent")
                .put("interfaces", new JsonArray().add("PJSIP/pia2")));

        HttpResponse<Buffer> taken = call(HttpMethod.PUT, "/api/admin/users/" + adminId + "/phone", admin,
                new JsonObject().put("memberName", "Pia").put("interfaces", new JsonArray().add("PJSIP/pia3")));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(entriesAbout("admin")).as("a refused phone leaves no entry").isEmpty();
    }

    @Test
    void an_answer_target_is_recorded_with_what_was_set_before() {
        HttpResponse<Buffer> set = call(HttpMethod.PUT, "/api/admin/queues/support", admin,
                new JsonObject().put("targetSeconds", 45).put("targetPercent", 90.0));
        assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
        call(HttpMethod.PUT, "/api/admin/queues/support", admin, new JsonObject().put("targetSeconds", 30)
                .put("targetPercent", 90.0));
        assertThat(call(HttpMethod.PUT, "/api/admin/queues/support", admin, new JsonObject().put("targetPercent", 140))
                .statusCode()).isEqualTo(422);

        List<JsonObject> entries = entriesAbout("support");
        assertThat(entries).hasSize(2);
        byTheAdminFromLoopback(entries.get(0));
        assertThat(entries.get(0).getString("action")).isEqualTo("queue.target");
        assertThat(entries.get(0).getJsonObject("subject").getString("kind")).isEqualTo("queue");
        assertThat(entries.get(0).getJsonObject("before")).isEqualTo(new JsonObject().put("targetSeconds", 45));
        assertThat(entries.get(0).getJsonObject("after")).isEqualTo(new JsonObject().put("targetSeconds", 30));
        assertThat(entries.get(1).getJsonObject("before")).isEqualTo(new JsonObject().putNull("targetSeconds")
                .putNull("targetPercent"));
    }

    @Test
    void an_engineer_added_and_taken_off_the_rota_is_recorded() {
        HttpResponse<Buffer> added = call(HttpMethod.POST, "/api/admin/engineers", admin, new JsonObject()
                .put("name", "Rhea Fixit").put("phone", "+441632960777").put("homeRegion", "north")
                .put("skills", new JsonArray().add("boiler")));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
        long id = added.bodyAsJsonObject().getLong("id");
        assertThat(call(HttpMethod.POST, "/api/admin/engineers", admin, new JsonObject().put("name", "Rhea Fixit")
                .put("homeRegion", "atlantis")).statusCode()).isEqualTo(422);
        assertThat(call(HttpMethod.PATCH, "/api/admin/engineers/" + id, admin, new JsonObject().put("active", false))
                .statusCode()).isEqualTo(200);

        List<JsonObject> entries = entriesAbout("Rhea Fixit");
        assertThat(entries).extracting(e -> e.getString("action")).containsExactly("engineer.active", "engineer.create");
        entries.forEach(AdminAuditTest::byTheAdminFromLoopback);
        assertThat(entries.get(0).getJsonObject("subject")).isEqualTo(new JsonObject().put("kind", "engineer")
                .put("id", id).put("name", "Rhea Fixit"));
        assertThat(entries.get(0).getJsonObject("before")).isEqualTo(new JsonObject().put("active", true));
        assertThat(entries.get(0).getJsonObject("after")).isEqualTo(new JsonObject().put("active", false));
        JsonObject created = entries.get(1).getJsonObject("after");
        assertThat(created.getString("homeRegion")).isEqualTo("north");
        assertThat(created.getJsonArray("skills")).containsExactly("boiler");
        assertThat(created.getJsonArray("hours")).hasSize(5);
    }

    @Test
    void the_audit_pages_newest_first_and_filters_by_kind_and_actor_for_admins_only() {
        for (int i = 0; i < 3; i++) {
            call(HttpMethod.PUT, "/api/admin/queues/billing", admin, new JsonObject().put("targetSeconds", 20 + i));
        }
        JsonObject first = call(HttpMethod.GET, "/api/admin/audit?kind=queue&limit=2", admin, null).bodyAsJsonObject();
        JsonArray entries = first.getJsonArray("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.getJsonObject(0).getLong("id")).isGreaterThan(entries.getJsonObject(1).getLong("id"));
        assertThat(first.getLong("nextBefore")).isEqualTo(entries.getJsonObject(1).getLong("id"));
        JsonObject second = call(HttpMethod.GET, "/api/admin/audit?kind=queue&limit=2&before=" + first.getLong("nextBefore"),
                admin, null).bodyAsJsonObject();
        assertThat(second.getJsonArray("entries").getJsonObject(0).getLong("id")).isLessThan(first.getLong("nextBefore"));
        assertThat(call(HttpMethod.GET, "/api/admin/audit?kind=queue&limit=200", admin, null).bodyAsJsonObject()
                .getJsonArray("entries").stream().map(JsonObject.class::cast)
                .allMatch(e -> e.getJsonObject("subject").getString("kind").equals("queue"))).isTrue();
        assertThat(call(HttpMethod.GET, "/api/admin/audit?actor=nobody", admin, null).bodyAsJsonObject()
                .getJsonArray("entries")).isEmpty();
        assertThat(call(HttpMethod.GET, "/api/admin/audit?actor=admin&limit=1", admin, null).bodyAsJsonObject()
                .getJsonArray("entries")).hasSize(1);
        assertThat(call(HttpMethod.GET, "/api/admin/audit?kind=planet", admin, null).statusCode()).isEqualTo(400);

        call(HttpMethod.POST, "/api/admin/users", admin, new JsonObject().put("username", "sam")
                .put("displayName", "Sam").put("role", "supervisor").put("password", "Copper-Kettle-Song-21"));
        String sam = rig.login("sam", "Copper-Kettle-Song-21").bodyAsJsonObject().getString("token");
        assertThat(call(HttpMethod.GET, "/api/admin/audit", sam, null).statusCode()).as("a supervisor is no admin")
                .isEqualTo(403);
    }

    private static void noPasswordOrHashInTheAudit(String password) throws Exception {
        String everything = Sql.on(rig.database).text("SELECT GROUP_CONCAT(CONCAT_WS(' ', actor_name, action, "
                + "subject_name, before_json, after_json) SEPARATOR '\\n') FROM admin_audit");
        assertThat(everything).doesNotContain(password).doesNotContain("$2b$").doesNotContain("$2a$");
        String hash = Sql.on(rig.database).text("SELECT GROUP_CONCAT(password_hash) FROM users");
        for (String one : hash.split(",")) {
            assertThat(everything).doesNotContain(one);
        }
    }
}
