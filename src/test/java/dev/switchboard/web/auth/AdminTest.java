package dev.switchboard.web.auth;

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

/** What the admin manages, over HTTP against the whole service: users, agents' phones, answer targets, engineers. */
class AdminTest {

    /** A password the rule allows for every user here (it holds none of their names). */
    private static final String PASSWORD = "Amber-Valley-Clock-31";
    private static ServiceRig rig;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        rig = new ServiceRig("admin", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(answered.snapshots(), List.of()), Map.of(), false);
        Sql.on(rig.database).execute("INSERT INTO regions (id, code, name) VALUES (1, 'north', 'North'), (2, 'south', 'South')");
        Sql.on(rig.database).execute("INSERT INTO skills (id, code, name) VALUES (1, 'boiler', 'Boilers')");
        // queue members nobody has taken yet, with the phones the demo data gives them (DemoSeeder)
        Sql.on(rig.database).execute("INSERT INTO agents (id, member_name) VALUES (12, 'Bob'), (14, 'Dave'), (15, 'Erin')");
        Sql.on(rig.database).execute("INSERT INTO agent_interfaces (interface, agent_id) VALUES "
                + "('Local/1002@agents/n', 12), ('PJSIP/1002', 12), ('Local/1004@agents/n', 14), ('PJSIP/1004', 14), "
                + "('Local/1005@agents/n', 15), ('PJSIP/1005', 15)");
        rig.start();
        admin = rig.adminToken();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
        var request = rig.client.request(method, rig.port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
        return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    private static JsonObject user(String name, String role) {
        return new JsonObject().put("username", name).put("displayName", name.toUpperCase()).put("role", role)
                .put("password", PASSWORD);
    }

    @Test
    void users_are_added_once_with_a_sound_password_and_a_deactivated_user_is_logged_out_at_once() {
        HttpResponse<Buffer> added = call(HttpMethod.POST, "/api/admin/users", admin, user("gina", "supervisor"));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
        assertThat(added.bodyAsJsonObject().getString("role")).isEqualTo("supervisor");
        assertThat(call(HttpMethod.POST, "/api/admin/users", admin, user("gina", "agent")).statusCode()).isEqualTo(409);
        HttpResponse<Buffer> weak = call(HttpMethod.POST, "/api/admin/users", admin, user("hal", "agent").put("password", "short"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.bodyAsJsonObject().getJsonObject("fields").getString("password")).contains("12");
        HttpResponse<Buffer> common = call(HttpMethod.POST, "/api/admin/users", admin,
                user("hal", "agent").put("password", "Password123456"));
        assertThat(common.statusCode()).isEqualTo(422);
        assertThat(common.bodyAsJsonObject().getJsonObject("fields").getString("password")).contains("common");
        HttpResponse<Buffer> named = call(HttpMethod.POST, "/api/admin/users", admin,
                user("hal", "agent").put("password", "hal-is-my-long-password"));
        assertThat(named.statusCode()).isEqualTo(422);
        assertThat(named.bodyAsJsonObject().getJsonObject("fields").getString("password")).contains("user name");
        assertThat(call(HttpMethod.POST, "/api/admin/users", admin, user("Bad Name", "agent")).statusCode()).isEqualTo(422);
        assertThat(call(HttpMethod.POST, "/api/admin/users", admin, user("ivan", "root")).statusCode()).isEqualTo(422);

        String gina = rig.login("gina", PASSWORD).bodyAsJsonObject().getString("token");
        assertThat(call(HttpMethod.GET, "/api/queues", gina, null).statusCode()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/admin/users", gina, null).statusCode()).as("a supervisor is no admin").isEqualTo(403);
        long id = added.bodyAsJsonObject().getLong("id");
        assertThat(call(HttpMethod.PATCH, "/api/admin/users/" + id, admin, new JsonObject().put("active", false)).statusCode())
                .isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/queues", gina, null).statusCode()).isEqualTo(401);
        assertThat(rig.login("gina", PASSWORD).statusCode()).isEqualTo(401);
        HttpResponse<Buffer> resetToCommon = call(HttpMethod.PATCH, "/api/admin/users/" + id, admin,
                new JsonObject().put("password", "letmein12345"));
        assertThat(resetToCommon.statusCode()).as("a password the admin gives follows the same rule").isEqualTo(422);
    }

    @Test
    void the_last_active_admin_cannot_be_demoted_or_deactivated() {
        long adminId = users().stream().filter(u -> u.getString("username").equals("admin")).findFirst().orElseThrow()
                .getLong("id");
        HttpResponse<Buffer> demoted = call(HttpMethod.PATCH, "/api/admin/users/" + adminId, admin,
                new JsonObject().put("role", "agent"));
        assertThat(demoted.statusCode()).isEqualTo(409);
        assertThat(demoted.bodyAsJsonObject().getString("code")).isEqualTo("last_admin");
        assertThat(call(HttpMethod.PATCH, "/api/admin/users/" + adminId, admin, new JsonObject().put("active", false))
                .statusCode()).isEqualTo(409);
        assertThat(call(HttpMethod.GET, "/api/admin/users", admin, null).statusCode()).isEqualTo(200);
    }

    @Test
    void an_agents_phone_belongs_to_one_agent_and_their_pops_and_state_follow_it() {
        long jo = call(HttpMethod.POST, "/api/admin/users", admin, user("jo", "agent")).bodyAsJsonObject().getLong("id");
        long kim = call(HttpMethod.POST, "/api/admin/users", admin, user("kim", "agent")).bodyAsJsonObject().getLong("id");
        HttpResponse<Buffer> phone = call(HttpMethod.PUT, "/api/admin/users/" + jo + "/phone", admin,
                new JsonObject().put("memberName", "Alice").put("interfaces", new JsonArray().add("Local/1001@agents/n")));
        assertThat(phone.statusCode()).as(phone.bodyAsString()).isEqualTo(200);
        assertThat(users().stream().filter(u -> u.getString("username").equals("jo")).findFirst().orElseThrow()
                .getJsonArray("interfaces")).containsExactly("Local/1001@agents/n");

        HttpResponse<Buffer> sameMember = call(HttpMethod.PUT, "/api/admin/users/" + kim + "/phone", admin,
                new JsonObject().put("memberName", "Alice").put("interfaces", new JsonArray().add("PJSIP/kim")));
        assertThat(sameMember.bodyAsJsonObject().getString("code")).isEqualTo("member_name_taken");
        HttpResponse<Buffer> samePhone = call(HttpMethod.PUT, "/api/admin/users/" + kim + "/phone", admin,
                new JsonObject().put("memberName", "Kim").put("interfaces", new JsonArray().add("Local/1001@agents/n")));
        assertThat(samePhone.statusCode()).isEqualTo(409);
        assertThat(samePhone.bodyAsJsonObject().getString("code")).isEqualTo("interface_taken");
        assertThat(call(HttpMethod.PUT, "/api/admin/users/99999/phone", admin,
                new JsonObject().put("memberName", "Nobody").put("interfaces", new JsonArray().add("PJSIP/x"))).statusCode())
                .isEqualTo(404);
        assertThat(call(HttpMethod.PUT, "/api/admin/users/" + kim + "/phone", admin,
                new JsonObject().put("memberName", "Kim").put("interfaces", new JsonArray().add("PJSIP/1001\r\nAction: Logoff")))
                .statusCode()).isEqualTo(422);

        String joToken = rig.login("jo", PASSWORD).bodyAsJsonObject().getString("token");
        JsonArray state = call(HttpMethod.GET, "/api/agent/state", joToken, null).bodyAsJsonObject().getJsonArray("queues");
        assertThat(state.stream().map(q -> ((JsonObject) q).getString("queue")).toList()).containsExactly("support");

        assertThat(call(HttpMethod.PUT, "/api/admin/users/" + jo + "/phone", admin, new JsonObject().putNull("memberName"))
                .statusCode()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/agent/state", joToken, null).statusCode()).as("no longer an agent").isEqualTo(403);
    }

    @Test
    void a_user_takes_over_a_demo_member_and_its_phones_while_another_users_phone_stays_theirs() {
        long bo = call(HttpMethod.POST, "/api/admin/users", admin, user("bo", "agent")).bodyAsJsonObject().getLong("id");
        HttpResponse<Buffer> asTheReadmeSays = call(HttpMethod.PUT, "/api/admin/users/" + bo + "/phone", admin,
                new JsonObject().put("memberName", "Bob").put("interfaces", new JsonArray().add("Local/1002@agents/n")));
        assertThat(asTheReadmeSays.statusCode()).as(asTheReadmeSays.bodyAsString()).isEqualTo(200);
        assertThat(asTheReadmeSays.bodyAsJsonObject().getJsonArray("interfaces")).containsExactly("Local/1002@agents/n");
        assertThat(userNamed("bo").getJsonArray("interfaces")).as("the phones given replace the member's")
                .containsExactly("Local/1002@agents/n");

        long di = call(HttpMethod.POST, "/api/admin/users", admin, user("di", "agent")).bodyAsJsonObject().getLong("id");
        HttpResponse<Buffer> noPhones = call(HttpMethod.PATCH, "/api/admin/users/" + di, admin,
                new JsonObject().put("memberName", "Dave").put("interfaces", new JsonArray()));
        assertThat(noPhones.statusCode()).as(noPhones.bodyAsString()).isEqualTo(200);
        assertThat(userNamed("di").getJsonArray("interfaces")).as("no phones given: the member keeps its own")
                .containsExactly("Local/1004@agents/n", "PJSIP/1004");

        long cy = call(HttpMethod.POST, "/api/admin/users", admin, user("cy", "agent")).bodyAsJsonObject().getLong("id");
        HttpResponse<Buffer> bosPhone = call(HttpMethod.PUT, "/api/admin/users/" + cy + "/phone", admin,
                new JsonObject().put("memberName", "Cy").put("interfaces", new JsonArray().add("Local/1002@agents/n")));
        assertThat(bosPhone.statusCode()).isEqualTo(409);
        assertThat(bosPhone.bodyAsJsonObject().getString("code")).isEqualTo("interface_taken");
        assertThat(bosPhone.bodyAsJsonObject().getString("message"))
                .isEqualTo("Phone Local/1002@agents/n already rings queue member Bob (user bo); take it off their phones first.");
        assertThat(userNamed("cy").getString("memberName")).as("nothing of the refused change stays").isNull();

        HttpResponse<Buffer> erinsPhone = call(HttpMethod.PUT, "/api/admin/users/" + cy + "/phone", admin,
                new JsonObject().put("memberName", "Cy").put("interfaces", new JsonArray().add("Local/1005@agents/n")));
        assertThat(erinsPhone.statusCode()).as("a phone of a member nobody has moves").isEqualTo(200);
        assertThat(userNamed("cy").getJsonArray("interfaces")).containsExactly("Local/1005@agents/n");

        HttpResponse<Buffer> newWithoutPhones = call(HttpMethod.PUT, "/api/admin/users/" + cy + "/phone", admin,
                new JsonObject().put("memberName", "Cyril"));
        assertThat(newWithoutPhones.statusCode()).as("a new member needs a phone").isEqualTo(422);
        assertThat(newWithoutPhones.bodyAsJsonObject().getJsonObject("fields").getString("interfaces"))
                .contains("Cyril has none");
        assertThat(userNamed("cy").getString("memberName")).isEqualTo("Cy");
    }

    @Test
    void a_user_and_their_phones_are_saved_whole_or_not_at_all() {
        call(HttpMethod.POST, "/api/admin/users", admin, user("lu", "agent"));
        long eve = call(HttpMethod.POST, "/api/admin/users", admin, user("eve", "agent")).bodyAsJsonObject().getLong("id");
        HttpResponse<Buffer> taken = call(HttpMethod.PATCH, "/api/admin/users/" + eve, admin, new JsonObject()
                .put("role", "supervisor").put("active", false).put("memberName", "Lu").put("interfaces", new JsonArray().add("PJSIP/eve")));
        assertThat(taken.statusCode()).as(taken.bodyAsString()).isEqualTo(200);
        long lu = userNamed("lu").getLong("id");
        HttpResponse<Buffer> refused = call(HttpMethod.PATCH, "/api/admin/users/" + lu, admin, new JsonObject()
                .put("role", "dispatcher").put("memberName", "Lu").put("interfaces", new JsonArray().add("PJSIP/lu")));
        assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(409);
        assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("member_name_taken");
        assertThat(userNamed("lu").getString("role")).as("the role is not saved when the phones are refused")
                .isEqualTo("agent");

        HttpResponse<Buffer> saved = call(HttpMethod.PATCH, "/api/admin/users/" + lu, admin, new JsonObject()
                .put("displayName", "Lu Agent").put("memberName", "Lucy").put("interfaces", new JsonArray().add("PJSIP/lu")));
        assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
        assertThat(saved.bodyAsJsonObject().getString("displayName")).isEqualTo("Lu Agent");
        assertThat(saved.bodyAsJsonObject().getString("memberName")).isEqualTo("Lucy");
        assertThat(saved.bodyAsJsonObject().getJsonArray("interfaces")).containsExactly("PJSIP/lu");

        HttpResponse<Buffer> phonesWithoutMember = call(HttpMethod.PATCH, "/api/admin/users/" + lu, admin,
                new JsonObject().put("interfaces", new JsonArray().add("PJSIP/lu2")));
        assertThat(phonesWithoutMember.statusCode()).isEqualTo(422);
        assertThat(phonesWithoutMember.bodyAsJsonObject().getJsonObject("fields").getString("memberName")).contains("needed");
    }

    private static JsonObject userNamed(String username) {
        return users().stream().filter(u -> u.getString("username").equals(username)).findFirst().orElseThrow();
    }

    @Test
    void a_target_the_admin_sets_is_in_force_at_once_and_clearing_it_falls_back() {
        HttpResponse<Buffer> set = call(HttpMethod.PUT, "/api/admin/queues/support", admin,
                new JsonObject().put("targetSeconds", 45).put("targetPercent", 90.0));
        assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
        JsonObject support = queue("support");
        assertThat(support.getInteger("targetSeconds")).isEqualTo(45);
        assertThat(support.getDouble("targetPercent")).isEqualTo(90.0);
        assertThat(support.getString("targetSource")).isEqualTo("admin");
        assertThat(call(HttpMethod.PUT, "/api/admin/queues/support", admin, new JsonObject().put("targetPercent", 140))
                .statusCode()).isEqualTo(422);

        call(HttpMethod.PUT, "/api/admin/queues/support", admin, new JsonObject());
        assertThat(queue("support").getString("targetSource")).as("back to Asterisk's servicelevel").isEqualTo("asterisk");
    }

    private static JsonObject queue(String name) {
        return call(HttpMethod.GET, "/api/queues", admin, null).bodyAsJsonArray().stream().map(JsonObject.class::cast)
                .filter(q -> q.getString("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void an_engineer_is_added_with_regions_skills_and_default_hours_and_can_go_off_the_rota() {
        HttpResponse<Buffer> unknown = call(HttpMethod.POST, "/api/admin/engineers", admin,
                new JsonObject().put("name", "Nobody").put("homeRegion", "atlantis"));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.bodyAsJsonObject().getJsonObject("fields").getString("homeRegion")).contains("north");

        HttpResponse<Buffer> added = call(HttpMethod.POST, "/api/admin/engineers", admin, new JsonObject()
                .put("name", "Linus Fixit").put("phone", "+441632960123").put("homeRegion", "north")
                .put("regions", new JsonArray().add("south")).put("skills", new JsonArray().add("boiler")));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
        JsonObject linus = added.bodyAsJsonObject();
        assertThat(linus.getJsonArray("regions")).containsExactly("north", "south");
        assertThat(linus.getJsonArray("skills")).containsExactly("boiler");
        assertThat(linus.getJsonArray("hours")).hasSize(5);
        assertThat(linus.getJsonArray("hours").getJsonObject(0))
                .isEqualTo(new JsonObject().put("weekday", 1).put("start", "08:00").put("end", "17:00"));

        assertThat(call(HttpMethod.PATCH, "/api/admin/engineers/" + linus.getLong("id"), admin,
                new JsonObject().put("active", false)).statusCode()).isEqualTo(200);
        JsonObject listed = call(HttpMethod.GET, "/api/admin/engineers", admin, null).bodyAsJsonObject();
        assertThat(listed.getJsonArray("engineers").getJsonObject(0).getBoolean("active")).isFalse();
        assertThat(listed.getJsonArray("regions")).hasSize(2);
        assertThat(call(HttpMethod.POST, "/api/admin/engineers", admin, new JsonObject().put("name", "Bad Hours")
                .put("homeRegion", "north").put("hours", new JsonArray().add(new JsonObject().put("weekday", 8)
                        .put("start", "09:00").put("end", "17:00")))).statusCode()).isEqualTo(422);
    }

    private static List<JsonObject> users() {
        return call(HttpMethod.GET, "/api/admin/users", admin, null).bodyAsJsonArray().stream()
                .map(JsonObject.class::cast).toList();
    }
}
