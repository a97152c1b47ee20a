package dev.switchboard.web;

import dev.switchboard.cases.Surveys;
import dev.switchboard.testing.BrowserStage;
import dev.switchboard.web.auth.Tokens;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's survey page in Debian's chromium on a phone and on a desktop
 * ({@code src/test/browser/survey-page.mjs}): the links come from closing two cases through the
 * API; each is answered with the keyboard only and then says it was answered; an unknown and an
 * expired link get their own pages; axe-core is clean and the phone pages fit the screen.
 */
class SurveyPageInTheBrowserTest {

    /** The expired link the script opens (its token's SHA-256 is seeded, as a sent survey keeps it). */
    private static final String EXPIRED_TOKEN = "expired-link-for-the-browser";

    @Test
    void a_customer_answers_the_survey_with_the_keyboard_on_a_phone_and_on_a_desktop() throws Exception {
        try (BrowserStage stage = new BrowserStage("survey_browser", Map.of(), sql -> {
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
            sql.execute("INSERT INTO cases (id, account_id, channel, category, status, description, created_at) VALUES "
                    + "(3, 1, 'phone', 'boiler', 'resolved', 'Boiler pressure low', '" + now.minusDays(1) + "'), "
                    + "(4, 2, 'web', 'plumbing', 'resolved', 'Dripping shower', '" + now.minusDays(1) + "')");
            sql.execute("INSERT INTO csat_surveys (case_id, closure_no, channel, token_sha256, sent_at) VALUES (2, 1, "
                    + "'sms', UNHEX('" + HexFormat.of().formatHex(Tokens.sha256(EXPIRED_TOKEN)) + "'), '"
                    + now.minus(Surveys.LINK_LIFETIME).minusDays(1) + "')");
        })) {
            stage.play("survey-page.mjs", 120);

            assertThat(stage.sql().row("SELECT score, nps, comment FROM csat_surveys WHERE case_id = 3"))
                    .containsEntry("score", "4").containsEntry("nps", "9").containsEntry("comment", "Quick and friendly");
            assertThat(stage.sql().row("SELECT score, nps, comment FROM csat_surveys WHERE case_id = 4"))
                    .containsEntry("score", "5").containsEntry("nps", null).containsEntry("comment", null);
            assertThat(stage.sql().row("SELECT answered_at IS NULL AS open FROM csat_surveys WHERE case_id = 2"))
                    .as("the expired survey").containsEntry("open", "1");
        }
    }
}
