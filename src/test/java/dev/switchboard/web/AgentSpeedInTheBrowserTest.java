package dev.switchboard.web;

import dev.switchboard.testing.BrowserStage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent desktop's speed features in a real browser ({@code src/test/browser/agent-speed.mjs}):
 * the ring alerts when the recorded call rings Alice, the keyboard shortcuts and their help
 * dialog, and the talk timer. The case Alice opens with N is checked in the database.
 */
class AgentSpeedInTheBrowserTest {

    @Test
    void a_ring_alerts_alice_her_shortcuts_do_the_steps_and_the_talk_timer_follows_the_call() throws Exception {
        try (BrowserStage stage = new BrowserStage("speed", Map.of(), sql -> { })) {
            stage.play("agent-speed.mjs", 180);

            // the case opened with N and the keyboard is Alice's, tied to the call that rang
            Map<String, String> created = stage.sql().row("SELECT c.category, u.username, j.linkedid FROM cases c "
                    + "JOIN users u ON u.id = c.created_by_user_id JOIN call_journeys j ON j.id = c.call_journey_id "
                    + "WHERE c.description = 'Pressure drops? Radiator cold, fan noisy, meter fine'");
            assertThat(created).containsEntry("category", "boiler").containsEntry("username", "alice");
            assertThat(created.get("linkedid")).isNotBlank();
        }
    }
}
