package dev.switchboard.web;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.Recording;
import dev.switchboard.testing.BrowserStage;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Stored XSS, in Debian's chromium ({@code src/test/browser/stored-xss.mjs}): hostile text
 * ({@code <script>}, {@code "><img onerror>}, {@code '><svg onload>}, a {@code javascript:} URL)
 * is stored through the API in what users type and others see, and every page that shows it must
 * show it as text: no dialog, no script run, no element or handler made from it, and nothing that
 * only the Content-Security-Policy stopped. The simulated Asterisk sends a hostile caller-ID name
 * and number, which anyone who can make a phone call chooses; the wallboard shows the number. Case 3 (resolved) is seeded for the survey page,
 * whose only typed text is the customer's own comment, shown again when an answer is refused.
 */
class StoredXssInTheBrowserTest {

    /** The caller-ID name Asterisk sends for the recorded call; the script looks for it in the pop. */
    static final String CALLER_NAME = "Ada on the phone <script>window.__xss=1</script> "
            + "\"><img src=x onerror=\"window.__xss=1\"> '><svg onload=window.__xss=1>";

    @Test
    void hostile_text_that_users_and_callers_type_is_shown_as_text_on_every_page() throws Exception {
        try (BrowserStage stage = new BrowserStage("stored_xss", Map.of(), sql -> sql.execute(
                "INSERT INTO cases (id, account_id, channel, category, status, description, created_at) VALUES "
                        + "(3, 1, 'phone', 'boiler', 'resolved', 'Boiler pressure low', '"
                        + LocalDateTime.now(ZoneOffset.UTC).withNano(0).minusDays(1) + "')"),
                StoredXssInTheBrowserTest::hostileCaller)) {
            stage.play("stored-xss.mjs", 180);
        }
    }

    /**
     * The caller-ID number Asterisk sends (what a SIP caller puts in From); 40 characters at most,
     * as a call's number is stored. The pop still finds Ada by the account keyed in the IVR.
     */
    static final String CALLER_NUMBER = "\"><img src=x onerror=window.__xss=1>";

    /** The recorded caller waits this much longer before Alice answers, so that the wallboard can be read. */
    private static final long HELD_LONGER_MS = 8_000;

    /** The recorded call with the caller's name and number replaced wherever Asterisk sends them; the caller waits longer. */
    static Recording hostileCaller(Recording answered) {
        long answeredAt = answered.stream().stream().filter(t -> t.message().getOrEmpty("Event").equals("AgentConnect"))
                .findFirst().orElseThrow().ms();
        List<Recording.Timed> stream = answered.stream().stream()
                .map(t -> new Recording.Timed(t.ms() >= answeredAt ? t.ms() + HELD_LONGER_MS : t.ms(), renamed(t.message())))
                .toList();
        return new Recording(answered.banner(), answered.snapshots(), stream);
    }

    private static AmiMessage renamed(AmiMessage message) {
        AmiMessage out = message;
        for (String key : List.of("CallerIDName", "ConnectedLineName")) {
            if (out.getOrEmpty(key).equals("Ada Lovelace")) {
                out = out.with(key, CALLER_NAME);
            }
        }
        for (String key : List.of("CallerIDNum", "ConnectedLineNum")) {
            if (out.getOrEmpty(key).equals("+14155550101")) {
                out = out.with(key, CALLER_NUMBER);
            }
        }
        return out;
    }
}
