package dev.switchboard.web;

import dev.switchboard.testing.BrowserStage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's page and what every page shares, in Debian's chromium on a phone-sized screen
 * ({@code src/test/browser/admin-and-session.mjs}): an agent taking over the demo data's queue
 * member Bob with its phone, a save refused whole, a proxy's error page, the network lost and
 * back, a session that ends while the admin types, the audit of those changes, and the admin
 * changing their own password from the header (offered on every signed-in page).
 */
class AdminAndSessionInTheBrowserTest {

    @Test
    void the_admin_page_saves_whole_explains_failures_and_survives_an_ended_session_on_a_phone() throws Exception {
        try (BrowserStage stage = new BrowserStage("admin_browser", Map.of(), sql -> {
            // as the demo data writes a member nobody has taken yet (DemoSeeder)
            sql.execute("INSERT INTO agents (id, member_name) VALUES (2, 'Bob')");
            sql.execute("INSERT INTO agent_interfaces (interface, agent_id) VALUES ('Local/1002@agents/n', 2), ('PJSIP/1002', 2)");
        })) {
            stage.play("admin-and-session.mjs", 180);

            assertThat(stage.sql().row("SELECT a.member_name, GROUP_CONCAT(i.interface) AS phones FROM users u "
                    + "JOIN agents a ON a.user_id = u.id JOIN agent_interfaces i ON i.agent_id = a.id "
                    + "WHERE u.username = 'bea' GROUP BY a.member_name"))
                    .containsEntry("member_name", "Bob").containsEntry("phones", "Local/1002@agents/n");
            assertThat(stage.sql().row("SELECT role FROM users WHERE username = 'sue'")).containsEntry("role", "supervisor");
            assertThat(stage.sql().count("SELECT COUNT(*) FROM agents WHERE member_name = 'Sue'")).isZero();
            assertThat(stage.sql().row("SELECT display_name, role FROM users WHERE username = 'dee'"))
                    .containsEntry("display_name", "Dee Typed-Before-Expiry").containsEntry("role", "dispatcher");
            assertThat(stage.sql().count("SELECT COUNT(*) FROM admin_audit WHERE action = 'user.password' "
                    + "AND actor_name = 'admin' AND subject_name = 'admin' AND source_address = '127.0.0.1'"))
                    .as("the admin's own password change, recorded as a fact").isEqualTo(1);
            assertThat(stage.sql().count("SELECT COUNT(*) FROM admin_audit WHERE after_json LIKE '%Granite-Ferry%' "
                    + "OR after_json LIKE '%Harbour-Lights%' OR after_json LIKE '%$2b$%'")).isZero();
        }
    }
}
