package dev.switchboard.callbacks;

import dev.switchboard.testing.AgiCall;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call centre in the US that calls its customers back in the UK lists the numbers callbacks may
 * dial in SWITCHBOARD_CALLBACK_NUMBERS: the IVR's request-callback books exactly those, and a
 * callback booked before (to a number no longer listed) is never placed.
 */
class CallbackNumbersSettingTest {

    private static ServiceRig rig;

    @BeforeAll
    static void start() {
        rig = new ServiceRig("callbacknumbers", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()),
                Map.of("SWITCHBOARD_DEFAULT_COUNTRY", "US", "SWITCHBOARD_CALLBACK_NUMBERS", "\\+44[1-9][0-9]{9}"));
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void a_number_the_setting_lists_is_booked_though_it_is_of_another_country() throws Exception {
        Map<String, String> set = AgiCall.run(rig.agiPort, "request-callback", "+442071838750",
                List.of("uk-support", ""), Map.of());

        assertThat(set).containsEntry("CC_CALLBACK_OK", "1");
        assertThat(Sql.on(rig.database).text("SELECT phone_e164 FROM callbacks WHERE id = " + set.get("CC_CALLBACK_ID")))
                .isEqualTo("+442071838750");
    }

    @Test
    void a_number_of_the_default_country_is_refused_when_the_setting_does_not_list_it() throws Exception {
        assertThat(AgiCall.run(rig.agiPort, "request-callback", "+12025550143", List.of("uk-support", ""), Map.of()))
                .containsEntry("CC_CALLBACK_OK", "0").containsEntry("CC_CALLBACK_REASON", "number-not-allowed");
    }

    @Test
    void a_waiting_callback_to_a_number_no_longer_allowed_fails_and_is_never_placed() throws Exception {
        Sql sql = Sql.on(rig.database);
        sql.execute("INSERT INTO callbacks (id, phone_e164, queue_name, source, requested_at) VALUES "
                + "(9001, '+12025550143', 'uk-support', 'ivr', NOW(3) - INTERVAL 5 MINUTE), "
                + "(9002, '+449098790000', 'uk-support', 'ivr', NOW(3) - INTERVAL 4 MINUTE)");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(sql.row("SELECT status, outcome FROM callbacks WHERE id = 9001"))
                    .containsEntry("status", "failed").containsEntry("outcome", "number-not-allowed");
            assertThat(sql.row("SELECT status, outcome FROM callbacks WHERE id = 9002"))
                    .containsEntry("status", "failed").containsEntry("outcome", "premium-rate");
        });
        assertThat(sql.count("SELECT COUNT(*) FROM callbacks WHERE id IN (9001, 9002) "
                + "AND (attempts > 0 OR agent_interface IS NOT NULL)")).as("never tried").isZero();
    }

    @Test
    void a_premium_rate_number_is_refused_though_the_setting_matches_it() throws Exception {
        assertThat(AgiCall.run(rig.agiPort, "request-callback", "+449098790000", List.of("uk-support", ""), Map.of()))
                .containsEntry("CC_CALLBACK_OK", "0").containsEntry("CC_CALLBACK_REASON", "premium-rate");
    }
}
