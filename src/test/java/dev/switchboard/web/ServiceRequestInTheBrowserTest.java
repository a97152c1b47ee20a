package dev.switchboard.web;

import dev.switchboard.testing.BrowserStage;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service request on the agent's desk ({@code src/test/browser/service-request.mjs}): Alice
 * opens a case from the call with a double click (one case), books a visit and sees the pop
 * follow, comes back to the case from her list, records that the customer was told, reschedules,
 * and sees the dispatcher's report and the admin's edit arrive in her view while she looks at it.
 * On the second case she links an article, cancels a visit, puts the case on the waitlist when no
 * slot fits the promised date (Grace is away for three days), moves it through the state form,
 * escalates it with a callback on her own list, and resolves it with "Solved it".
 * The screenshot target/screenshots/service-request.png is the one in docs/screenshots.
 */
class ServiceRequestInTheBrowserTest {

    /** The first case's description as alice last saved it, after her session had ended (see the script). */
    private static final String WORKED = "Boiler pressure drops overnight; customer hears a click first";

    /** The knowledge-base articles the script links to the second case (the first solves it). */
    private static final String BATTERIES = "Blank thermostat display: replace the batteries";
    private static final String RESET = "Resetting the boiler controller";

    @Test
    void alice_works_a_service_request_from_the_call_to_the_engineers_report() throws Exception {
        try (BrowserStage stage = new BrowserStage("request", Map.of(), sql -> {
            // Grace is away until three days from now, so no slot fits a promise of tomorrow (the waitlist step)
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
            sql.execute("INSERT INTO engineer_absences (engineer_id, starts_at, ends_at, reason) VALUES (1, '"
                    + now.minusDays(1) + "', '" + now.plusDays(3) + "', 'training')");
            sql.execute("INSERT INTO kb_articles (title, body, category, tags) VALUES "
                    + "('" + BATTERIES + "', 'A thermostat whose display is blank usually has flat batteries.', 'boiler', 'thermostat display'), "
                    + "('" + RESET + "', 'Hold the reset button for five seconds, then set the clock again.', 'boiler', 'controller reset')");
        })) {
            stage.play("service-request.mjs", 180);

            assertThat(stage.sql().row("SELECT COUNT(*) AS n FROM cases WHERE description IN "
                    + "('" + WORKED + "', 'Thermostat display is blank', 'Pilot light goes out at night')"))
                    .as("one case for each form, however often it was sent").containsEntry("n", "3");
            Map<String, String> worked = stage.sql().row("SELECT c.status, c.priority, "
                    + "(SELECT COUNT(*) FROM visits v WHERE v.case_id = c.id) AS visits, "
                    + "(SELECT COUNT(*) FROM visits v WHERE v.case_id = c.id AND v.status = 'cancelled') AS moved, "
                    + "(SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'customer-advised') AS told "
                    + "FROM cases c WHERE c.description = '" + WORKED + "'");
            assertThat(worked).containsEntry("status", "visited").containsEntry("priority", "high")
                    .containsEntry("visits", "2").containsEntry("moved", "1").containsEntry("told", "1");
            Map<String, String> thermostat = stage.sql().row("SELECT c.status, "
                    + "(SELECT COUNT(*) FROM visits v WHERE v.case_id = c.id) AS visits, "
                    + "(SELECT COUNT(*) FROM visits v WHERE v.case_id = c.id AND v.status = 'cancelled') AS cancelled, "
                    + "(SELECT COUNT(*) FROM visit_waitlist w WHERE w.case_id = c.id AND w.status = 'waiting') AS waiting, "
                    + "(SELECT COUNT(*) FROM callbacks b JOIN users u ON u.id = b.assignee_user_id "
                    + "  WHERE b.case_id = c.id AND b.source = 'escalation' AND u.username = 'alice') AS callbacks, "
                    + "(SELECT GROUP_CONCAT(a.title, '=', ca.solved_it ORDER BY a.title SEPARATOR '; ') FROM case_articles ca "
                    + "  JOIN kb_articles a ON a.id = ca.article_id WHERE ca.case_id = c.id) AS articles "
                    + "FROM cases c WHERE c.description = 'Thermostat display is blank'");
            assertThat(thermostat).as("the second case after the actions beside its timeline")
                    .containsEntry("status", "resolved").containsEntry("visits", "1").containsEntry("cancelled", "1")
                    .containsEntry("waiting", "1").containsEntry("callbacks", "1")
                    .containsEntry("articles", BATTERIES + "=0; " + RESET + "=1");
        }
    }
}
