package dev.switchboard.web.auth;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everyone changes their own password with {@code POST /api/me/password}: only with the current
 * one, never to a common one or one holding their user name, and the change ends their other
 * sessions while the one they asked from stays.
 */
class OwnPasswordTest {

    private static final String PASSWORD = "Sturdy-Oak-Table-42";
    private static ServiceRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new ServiceRig("own_password", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(), false);
        String hash = new PasswordHasher().hash(PASSWORD);
        Sql.on(rig.database).execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(101, 'alice', 'Alice', '" + hash + "', 'agent'), "
                + "(102, 'bruno', 'Bruno', '" + hash + "', 'dispatcher'), "
                + "(103, 'carla', 'Carla', '" + hash + "', 'supervisor'), "
                + "(104, 'dmitri', 'Dmitri', '" + hash + "', 'agent')");
        rig.start();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static String token(String user, String password) {
        HttpResponse<Buffer> login = rig.login(user, password);
        assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
        return login.bodyAsJsonObject().getString("token");
    }

    private static HttpResponse<Buffer> change(String token, String current, String chosen) {
        return rig.client.post(rig.port, "127.0.0.1", "/api/me/password").putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("currentPassword", current).put("newPassword", chosen)).await();
    }

    private static String refusal(HttpResponse<Buffer> answer, String field) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(422);
        assertThat(answer.bodyAsJsonObject().getString("code")).isEqualTo("invalid_fields");
        return answer.bodyAsJsonObject().getJsonObject("fields").getString(field);
    }

    @Test
    void a_wrong_current_password_is_refused_and_nothing_changes() {
        String alice = token("alice", PASSWORD);
        assertThat(refusal(change(alice, "not-my-password-at-all", "Bright-River-Stone-9"), "currentPassword"))
                .isEqualTo("is not your current password");
        assertThat(rig.login("alice", PASSWORD).statusCode()).isEqualTo(200);
        assertThat(rig.login("alice", "Bright-River-Stone-9").statusCode()).isEqualTo(401);
    }

    @Test
    void a_common_password_a_short_one_and_one_holding_the_user_name_are_refused_saying_why() {
        String bruno = token("bruno", PASSWORD);
        assertThat(refusal(change(bruno, PASSWORD, "Password1234!"), "newPassword")).contains("common");
        assertThat(refusal(change(bruno, PASSWORD, "qwertyuiop123"), "newPassword")).contains("common");
        assertThat(refusal(change(bruno, PASSWORD, "short-one"), "newPassword")).contains("at least 12");
        assertThat(refusal(change(bruno, PASSWORD, "the-BRUNO-of-2026"), "newPassword")).contains("user name");
        assertThat(refusal(change(bruno, PASSWORD, PASSWORD), "newPassword")).contains("differ");
        assertThat(rig.login("bruno", PASSWORD).statusCode()).as("still the old password").isEqualTo(200);
    }

    @Test
    void a_new_password_ends_the_other_sessions_keeps_this_one_and_is_recorded_as_a_fact() throws Exception {
        String here = token("carla", PASSWORD);
        String elsewhere = token("carla", PASSWORD);
        HttpResponse<Buffer> changed = change(here, PASSWORD, "Silver-Birch-Canoe-17");
        assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(204);

        assertThat(rig.get("/api/me", elsewhere).statusCode()).as("the other session has ended").isEqualTo(401);
        assertThat(rig.get("/api/me", here).statusCode()).as("the session that asked stays").isEqualTo(200);
        assertThat(rig.login("carla", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(rig.login("carla", "Silver-Birch-Canoe-17").statusCode()).isEqualTo(200);

        Map<String, String> entry = Sql.on(rig.database).row("SELECT actor_user_id, actor_name, source_address, action, "
                + "subject_id, before_json, after_json FROM admin_audit WHERE subject_name = 'carla'");
        assertThat(entry).containsEntry("actor_user_id", "103").containsEntry("actor_name", "carla")
                .containsEntry("source_address", "127.0.0.1").containsEntry("action", "user.password")
                .containsEntry("subject_id", "103");
        assertThat(new JsonObject(entry.get("after_json"))).isEqualTo(new JsonObject().put("password", "changed"));
        assertThat(entry.values().toString()).doesNotContain("Silver-Birch").doesNotContain("$2b$");
    }

    @Test
    void guesses_at_the_current_password_are_held_back_like_failed_logins() {
        String dmitri = token("dmitri", PASSWORD);
        for (int guess = 1; guess <= 5; guess++) {
            assertThat(refusal(change(dmitri, "guess-number-" + guess, "Quiet-Harbour-Lamp-3"), "currentPassword"))
                    .isEqualTo("is not your current password");
        }
        HttpResponse<Buffer> held = change(dmitri, PASSWORD, "Quiet-Harbour-Lamp-3");
        assertThat(held.statusCode()).as("even the right password waits now").isEqualTo(429);
        assertThat(held.getHeader("Retry-After")).isNotBlank();
        assertThat(rig.login("dmitri", "Quiet-Harbour-Lamp-3").statusCode()).isEqualTo(429);
    }

    @Test
    void without_a_session_it_is_a_401() {
        HttpResponse<Buffer> anonymous = rig.client.post(rig.port, "127.0.0.1", "/api/me/password")
                .sendJsonObject(new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "Any-Thing-Long-1"))
                .await();
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
