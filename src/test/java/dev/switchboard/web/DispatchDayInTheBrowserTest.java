package dev.switchboard.web;

import dev.switchboard.testing.BrowserStage;
import dev.switchboard.testing.Sql;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's day in Debian's chromium ({@code src/test/browser/dispatch-day.mjs}), on top of
 * the seeded call centre (Grace, region sf, 08:00–18:00, a visit today at 23:00 for the leaking
 * tap): Hedy covers sf and oak and works 09:00–17:00 with no visit today; Margaret covers oak,
 * works 08:00–16:00 and is away tomorrow 12:00–14:00. Tomorrow (UTC, so always in the future):
 * Grace fixes the boiler noise at 10:00 and the dripping radiator at 14:00, Margaret the blocked
 * drain in Oakland at 09:00 (the customer not told yet). Visits last 2 h, 30 min travel apart.
 */
class DispatchDayInTheBrowserTest {

    @Test
    void dan_sees_the_day_moves_visits_by_mouse_and_keyboard_and_follows_changes_made_elsewhere() throws Exception {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        try (BrowserStage stage = new BrowserStage("dispatchday", Map.of(), sql -> seedSecondRegion(sql, tomorrow))) {
            stage.play("dispatch-day.mjs", 180);

            Sql sql = stage.sql();
            assertThat(bookedVisit(sql, 3)).as("the boiler noise, dragged to Hedy at 15:00")
                    .containsEntry("name", "Hedy Engineer").containsEntry("starts", tomorrow + " 15:00");
            assertThat(bookedVisit(sql, 4)).as("the dripping radiator, moved to Hedy at 09:00 with the keyboard")
                    .containsEntry("name", "Hedy Engineer").containsEntry("starts", tomorrow + " 09:00");
            assertThat(bookedVisit(sql, 1)).as("the visit booked elsewhere that dan saw arrive")
                    .containsEntry("name", "Grace Engineer").containsEntry("starts", tomorrow + " 08:00");
            assertThat(sql.row("SELECT outcome, work_done FROM engineer_reports"))
                    .as("one report of the leaking tap, from the one form").containsEntry("outcome", "fixed")
                    .containsEntry("work_done", "Replaced the tap washer");
        }
    }

    /** The engineer and start (UTC, "yyyy-mm-dd hh:mm") of the case's booked visit. */
    private static Map<String, String> bookedVisit(Sql sql, long caseId) throws Exception {
        return sql.row("SELECT e.name, DATE_FORMAT(v.starts_at, '%Y-%m-%d %H:%i') AS starts FROM visits v "
                + "JOIN engineers e ON e.id = v.engineer_id WHERE v.case_id = " + caseId + " AND v.status = 'booked'");
    }

    private static void seedSecondRegion(Sql sql, LocalDate tomorrow) throws Exception {
        LocalDateTime day = tomorrow.atStartOfDay();
        sql.execute("INSERT INTO regions (id, code, name) VALUES (2, 'oak', 'Oakland')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (3, '10044', 'Alan Turing')");
        sql.execute("INSERT INTO service_addresses (id, account_id, line1, city, postcode, region_id, is_primary) VALUES "
                + "(3, 3, '1 Enigma Road', 'Oakland', '94607', 2, TRUE)");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (2, 'Hedy Engineer', 1), "
                + "(3, 'Margaret Engineer', 2)");
        sql.execute("INSERT INTO engineer_regions (engineer_id, region_id) VALUES (2, 1), (2, 2), (3, 2)");
        for (int weekday = 1; weekday <= 7; weekday++) {
            sql.execute("INSERT INTO engineer_working_hours (engineer_id, weekday, starts_at, ends_at) VALUES "
                    + "(2, " + weekday + ", '09:00', '17:00'), (3, " + weekday + ", '08:00', '16:00')");
        }
        sql.execute("INSERT INTO engineer_absences (engineer_id, starts_at, ends_at, reason) VALUES "
                + "(3, '" + day.plusHours(12) + "', '" + day.plusHours(14) + "', 'training')");
        sql.execute("INSERT INTO cases (id, account_id, channel, category, status, description) VALUES "
                + "(3, 1, 'phone', 'boiler', 'scheduled', 'Boiler noise'), "
                + "(4, 1, 'phone', 'heating', 'scheduled', 'Dripping radiator'), "
                + "(5, 3, 'phone', 'plumbing', 'scheduled', 'Blocked drain')");
        sql.execute("INSERT INTO visits (case_id, engineer_id, starts_at, ends_at, customer_advised_at, customer_advised_via) "
                + "VALUES (3, 1, '" + day.plusHours(10) + "', '" + day.plusHours(12) + "', '" + day.minusDays(1) + "', 'sms'), "
                + "(4, 1, '" + day.plusHours(14) + "', '" + day.plusHours(16) + "', '" + day.minusDays(1) + "', 'call'), "
                + "(5, 3, '" + day.plusHours(9) + "', '" + day.plusHours(11) + "', NULL, NULL)");
    }
}
