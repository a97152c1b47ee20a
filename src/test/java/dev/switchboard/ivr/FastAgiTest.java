package dev.switchboard.ivr;

import dev.switchboard.testing.AgiCall;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The IVR's FastAGI scripts over real TCP, against a real database. */
class FastAgiTest {

    private static ServiceRig rig;
    private static LocalDateTime visit;

    @BeforeAll
    static void start() throws Exception {
        rig = new ServiceRig("fastagi", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(), false);
        Sql sql = Sql.on(rig.database);
        visit = LocalDateTime.now(ZoneOffset.UTC).plusDays(3).withHour(9).withMinute(0).withSecond(0).withNano(0);
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'north', 'North')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace'), "
                + "(2, '20001', 'Flat 1'), (3, '20002', 'Flat 2')");
        sql.execute("INSERT INTO account_phones (account_id, e164, shared) VALUES (1, '+14155550101', FALSE), "
                + "(2, '+442071838750', TRUE), (3, '+442071838750', TRUE)");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Grace', 1)");
        sql.execute("INSERT INTO cases (id, account_id, channel, category, status, description) VALUES "
                + "(1, 1, 'phone', 'boiler', 'scheduled', 'No hot water')");
        sql.execute("INSERT INTO visits (case_id, engineer_id, starts_at, ends_at) VALUES (1, 1, '" + visit + "', '"
                + visit.plusHours(2) + "')");
        rig.start();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void a_caller_whose_number_belongs_to_one_account_is_identified() throws Exception {
        Map<String, String> set = AgiCall.run(rig.agiPort, "identify-caller", "+14155550101", List.of(), Map.of());

        assertThat(set).containsEntry("__CC_ACCOUNT", "10042").containsEntry("CC_IDENTIFIED", "1");
    }

    @Test
    void a_shared_or_withheld_number_identifies_nobody_so_the_ivr_asks() throws Exception {
        assertThat(AgiCall.run(rig.agiPort, "identify-caller", "+442071838750", List.of(), Map.of()))
                .containsEntry("CC_IDENTIFIED", "0").doesNotContainKey("__CC_ACCOUNT");
        assertThat(AgiCall.run(rig.agiPort, "identify-caller", "anonymous", List.of(), Map.of()))
                .containsEntry("CC_IDENTIFIED", "0");
    }

    @Test
    void keyed_digits_of_a_known_account_are_accepted() throws Exception {
        assertThat(AgiCall.run(rig.agiPort, "check-account", "anonymous", List.of("10042"), Map.of()))
                .containsEntry("__CC_ACCOUNT", "10042").containsEntry("CC_VALID", "1");
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"99999", "12", "1234567890123", "10042#", "1004*2", "'; DROP TABLE accounts; --", ""})
    void unknown_or_hostile_digits_are_refused_politely(String digits) throws Exception {
        Map<String, String> set = AgiCall.run(rig.agiPort, "check-account", "anonymous", List.of(digits), Map.of());

        assertThat(set).containsEntry("CC_VALID", "0").doesNotContainKey("__CC_ACCOUNT").doesNotContainKey("CC_ERROR");
    }

    @Test
    void the_case_status_and_next_visit_are_told_for_the_callers_account() throws Exception {
        Map<String, String> set = AgiCall.run(rig.agiPort, "case-status", "+14155550101", List.of(),
                Map.of("CC_ACCOUNT", "10042"));

        assertThat(set).containsEntry("CC_CASE_STATUS", "scheduled").containsEntry("CC_CASE_ID", "1")
                .containsEntry("CC_VISIT_EPOCH", String.valueOf(visit.toEpochSecond(ZoneOffset.UTC)));
        assertThat(AgiCall.run(rig.agiPort, "case-status", "x", List.of(), Map.of("CC_ACCOUNT", "20001")))
                .containsEntry("CC_CASE_STATUS", "none").containsEntry("CC_VISIT_EPOCH", "");
    }
}
