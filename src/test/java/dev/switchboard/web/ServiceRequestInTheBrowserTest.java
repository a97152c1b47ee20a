package dev.switchboard.web;

import dev.switchboard.testing.BrowserStage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service request on the agent's desk ({@code src/test/browser/service-request.mjs}): Alice
 * opens a case from the call with a double click (one case), books a visit and sees the pop
 * follow, comes back to the case from her list, records that the customer was told, reschedules,
 * and sees the dispatcher's report and the admin's edit arrive in her view while she looks at it.
 * The screenshot target/screenshots/service-request.png is the one in docs/screenshots.
 */
class ServiceRequestInTheBrowserTest {

    /** The first case's description as alice last saved it, after her session had ended (see the script). */
    private static final String WORKED = "Boiler pressure drops overnight; customer hears a click first";

    @Test
    void alice_works_a_service_request_from_the_call_to_the_engineers_report() throws Exception {
        try (BrowserStage stage = new BrowserStage("request", Map.of(), sql -> { })) {
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
        }
    }
}
