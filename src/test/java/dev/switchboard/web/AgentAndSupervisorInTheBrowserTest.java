package dev.switchboard.web;

import dev.switchboard.testing.BrowserStage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product as its users meet it: real pages in Debian's chromium, driven by Playwright
 * ({@code src/test/browser/agent-and-supervisor.mjs}), against the whole service following a
 * simulated Asterisk that replays a real recorded call when the script says so (support's target
 * is 1 s, so the recorded call, 2 s in the queue, breaches it). Screenshots of every page land in
 * target/screenshots.
 */
class AgentAndSupervisorInTheBrowserTest {

    @Test
    void a_call_pops_for_alice_only_she_books_a_visit_and_the_wallboard_follows_the_call() throws Exception {
        try (BrowserStage stage = new BrowserStage("browser", Map.of(), sql -> { })) {
            stage.play("agent-and-supervisor.mjs", 240);

            // what the pages did is in the database, made by Alice from the call
            Map<String, String> created = stage.sql().row("SELECT c.status, u.username, j.linkedid, v.customer_advised_via "
                    + "FROM cases c JOIN users u ON u.id = c.created_by_user_id JOIN call_journeys j ON j.id = c.call_journey_id "
                    + "JOIN visits v ON v.case_id = c.id WHERE c.description = 'Boiler pressure keeps dropping'");
            assertThat(created).containsEntry("status", "scheduled").containsEntry("username", "alice")
                    .containsEntry("customer_advised_via", "call");
            assertThat(created.get("linkedid")).isNotBlank();
        }
    }
}
