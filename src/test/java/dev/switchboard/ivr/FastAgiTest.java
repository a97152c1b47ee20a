package dev.switchboard.ivr;

import dev.switchboard.testing.AgiCall;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IVR's FastAGI scripts over real TCP, against a real database; FastAGI allows 127.0.0.1 only,
 * so a peer on 127.0.0.2 stands for another machine on the LAN.
 */
class FastAgiTest {

    private static ServiceRig rig;
    private static LocalDateTime visit;

    @BeforeAll
    static void start() throws Exception {
        rig = new ServiceRig("fastagi", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of("SWITCHBOARD_AGI_ALLOWED", "127.0.0.1"),
                false);
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
    void the_case_status_is_told_for_the_callers_account() throws Exception {
        Map<String, String> set = AgiCall.run(rig.agiPort, "case-status", "+14155550101", List.of(),
                Map.of("CC_ACCOUNT", "10042"));

        assertThat(set).containsEntry("CC_CASE_STATUS", "scheduled").containsEntry("CC_CASE_ID", "1");
        assertThat(AgiCall.run(rig.agiPort, "case-status", "x", List.of(), Map.of("CC_ACCOUNT", "20001")))
                .containsEntry("CC_CASE_STATUS", "none").containsEntry("CC_CASE_ID", "");
    }

    @Test
    void the_next_visit_is_told_as_its_arrival_window() throws Exception {
        Map<String, String> set = AgiCall.run(rig.agiPort, "next-visit", "+14155550101", List.of(),
                Map.of("CC_ACCOUNT", "10042"));

        assertThat(set).containsEntry("CC_VISIT_EPOCH", String.valueOf(visit.toEpochSecond(ZoneOffset.UTC)))
                .containsEntry("CC_VISIT_END_EPOCH", String.valueOf(visit.plusHours(2).toEpochSecond(ZoneOffset.UTC)));
        assertThat(AgiCall.run(rig.agiPort, "next-visit", "x", List.of(), Map.of("CC_ACCOUNT", "20001")))
                .containsEntry("CC_VISIT_EPOCH", "").containsEntry("CC_VISIT_END_EPOCH", "");
    }

    @Test
    void a_callback_keeps_the_callers_place_and_pressing_twice_books_it_once() throws Exception {
        long queuedAt = Instant.now().minusSeconds(40).getEpochSecond();
        Map<String, String> first = AgiCall.run(rig.agiPort, "request-callback", "+12025550143",
                List.of("fastagi-billing", String.valueOf(queuedAt)), Map.of());
        Map<String, String> second = AgiCall.run(rig.agiPort, "request-callback", "+14155550101",
                List.of("fastagi-billing", String.valueOf(queuedAt + 5)), Map.of("CC_ACCOUNT", "10042"));
        Map<String, String> again = AgiCall.run(rig.agiPort, "request-callback", "+14155550101",
                List.of("fastagi-billing", String.valueOf(queuedAt + 5)), Map.of("CC_ACCOUNT", "10042"));

        assertThat(first).containsEntry("CC_CALLBACK_OK", "1").containsEntry("CC_CALLBACK_AHEAD", "0")
                .containsEntry("CC_CALLBACK", "fastagi-billing");
        assertThat(second).containsEntry("CC_CALLBACK_OK", "1").containsEntry("CC_CALLBACK_AHEAD", "1");
        assertThat(again.get("CC_CALLBACK_ID")).isEqualTo(second.get("CC_CALLBACK_ID"));
        Map<String, String> stored = Sql.on(rig.database).row("SELECT phone_e164, queue_name, source, status, "
                + "account_id, case_id, requested_at FROM callbacks WHERE id = " + second.get("CC_CALLBACK_ID"));
        assertThat(stored).containsEntry("phone_e164", "+14155550101").containsEntry("queue_name", "fastagi-billing")
                .containsEntry("source", "ivr").containsEntry("status", "pending")
                .containsEntry("account_id", "1").containsEntry("case_id", "1");
        assertThat(stored.get("requested_at").replace(' ', 'T'))
                .startsWith(LocalDateTime.ofEpochSecond(queuedAt + 5, 0, ZoneOffset.UTC).toString().substring(0, 16));
    }

    @Test
    void a_withheld_number_cannot_be_called_back_unless_the_caller_keys_one() throws Exception {
        assertThat(AgiCall.run(rig.agiPort, "request-callback", "anonymous", List.of("fastagi-withheld", ""), Map.of()))
                .containsEntry("CC_CALLBACK_OK", "0").containsEntry("CC_CALLBACK_REASON", "no-number")
                .doesNotContainKey("CC_CALLBACK");
        assertThat(AgiCall.run(rig.agiPort, "request-callback", "anonymous",
                List.of("fastagi-withheld", "", "+14155550199"), Map.of()))
                .containsEntry("CC_CALLBACK_OK", "1").containsEntry("CC_CALLBACK", "fastagi-withheld");
    }

    @ParameterizedTest(name = "{0} ({1}): {2}")
    @CsvSource({
            "+19005550199, caller ID, premium-rate",
            "+442071838750, caller ID, number-not-allowed",
            "+33612345678, caller ID, number-not-allowed",
            "9005550188, keyed, premium-rate",
            "00442071838750, keyed, number-not-allowed"})
    void a_callback_to_a_number_callbacks_may_not_dial_is_refused_and_the_ivr_is_told_why(String number, String how,
                                                                                         String reason) throws Exception {
        boolean keyed = how.equals("keyed");
        Map<String, String> set = AgiCall.run(rig.agiPort, "request-callback", keyed ? "anonymous" : number,
                keyed ? List.of("fastagi-refused", "", number) : List.of("fastagi-refused", ""), Map.of());

        assertThat(set).containsEntry("CC_CALLBACK_OK", "0").containsEntry("CC_CALLBACK_REASON", reason)
                .doesNotContainKey("CC_CALLBACK").doesNotContainKey("CC_ERROR");
        assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM callbacks WHERE queue_name = 'fastagi-refused'"))
                .isZero();
    }

    @Test
    void a_callback_to_a_mobile_or_landline_of_the_default_country_is_booked() throws Exception {
        Map<String, String> set = AgiCall.run(rig.agiPort, "request-callback", "anonymous",
                List.of("fastagi-local", "", "3125550123"), Map.of());

        assertThat(set).containsEntry("CC_CALLBACK_OK", "1").doesNotContainKey("CC_CALLBACK_REASON");
        assertThat(Sql.on(rig.database).text("SELECT phone_e164 FROM callbacks WHERE id = " + set.get("CC_CALLBACK_ID")))
                .isEqualTo("+13125550123");
    }

    @Test
    void a_post_call_score_is_stored_once_per_call() throws Exception {
        assertThat(AgiCall.run(rig.agiPort, "survey-answer", "+14155550101", List.of("4", "1795346099.7", "Alice"),
                Map.of("CC_ACCOUNT", "10042"))).containsEntry("CC_SURVEY_OK", "1");
        assertThat(AgiCall.run(rig.agiPort, "survey-answer", "+14155550101", List.of("1", "1795346099.7", "Alice"),
                Map.of("CC_ACCOUNT", "10042"))).containsEntry("CC_SURVEY_OK", "0");

        assertThat(Sql.on(rig.database).row("SELECT score, account_id, agent_member_name FROM call_surveys "
                + "WHERE linkedid = '1795346099.7'"))
                .containsEntry("score", "4").containsEntry("account_id", "1").containsEntry("agent_member_name", "Alice");
    }

    @Test
    void a_result_for_a_callback_nobody_is_placing_is_unknown() throws Exception {
        assertThat(AgiCall.run(rig.agiPort, "callback-result", "x", List.of("987654", "ANSWER"), Map.of()))
                .containsEntry("CC_CALLBACK_STATUS", "unknown");
    }

    @Test
    void a_machine_outside_the_allowed_addresses_is_closed_unread_and_counted() throws Exception {
        double before = refusedConnections();
        try (Socket stranger = fromOtherAddress()) {
            stranger.setSoTimeout(FastAgiServer.READ_TIMEOUT_MILLIS / 2);

            String answer = answerUntilClosed(stranger);

            assertThat(answer).as("closed without a word, before it sent its request").isEmpty();
        }
        assertThat(refusedConnections()).isEqualTo(before + 1);
        assertThat(rig.get("/metrics", null).bodyAsString())
                .containsPattern("(?m)^switchboard_agi_refused_connections_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void a_callback_asked_for_from_another_machine_is_not_booked_and_the_same_from_asterisk_is() throws Exception {
        String request = AgiCall.request(rig.agiPort, "request-callback", "+12025550187",
                List.of("fastagi-stranger", ""));
        double before = refusedConnections();
        try (Socket stranger = fromOtherAddress()) {
            stranger.setSoTimeout(FastAgiServer.READ_TIMEOUT_MILLIS / 2);
            try {
                stranger.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                stranger.getOutputStream().flush();
            } catch (java.io.IOException closedWhileWriting) {
                // refused before the request was all written: that is the point
            }

            assertThat(answerUntilClosed(stranger)).as("no AGI command came back").isEmpty();
        }
        assertThat(refusedConnections()).isEqualTo(before + 1);
        assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM callbacks WHERE queue_name = 'fastagi-stranger'"))
                .isZero();

        assertThat(AgiCall.run(rig.agiPort, "request-callback", "+12025550187", List.of("fastagi-stranger", ""),
                Map.of())).as("from 127.0.0.1").containsEntry("CC_CALLBACK_OK", "1");
    }

    private static Socket fromOtherAddress() throws java.io.IOException {
        return new Socket(InetAddress.getByName("127.0.0.1"), rig.agiPort, InetAddress.getByName("127.0.0.2"), 0);
    }

    private static double refusedConnections() {
        return rig.registry.get("switchboard.agi.refused.connections").counter().count();
    }

    /** What each script sets when it must refuse, for input that is no use to it. */
    static Stream<Arguments> hostile_input() {
        List<String> garbage = List.of("abc", "123456789012345678901234567890", "", "1;DROP TABLE accounts",
                "\u00e9\u00e9\u00e9", "9".repeat(500));
        return garbage.stream().flatMap(g -> Stream.of(
                Arguments.of("check-account", List.of(g), "CC_VALID", "0"),
                Arguments.of("request-callback", List.of(g, g, g), "CC_CALLBACK_OK", "0"),
                Arguments.of("callback-result", List.of(g, g), "CC_CALLBACK_STATUS", "unknown"),
                Arguments.of("survey-answer", List.of(g, g, g), "CC_SURVEY_OK", "0"),
                Arguments.of("case-status", List.of(g), "CC_CASE_STATUS", "none"),
                Arguments.of("next-visit", List.of(g), "CC_VISIT_EPOCH", ""),
                Arguments.of("identify-caller", List.of(g), "CC_IDENTIFIED", "0")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostile_input")
    void letters_too_many_digits_and_nothing_at_all_are_refused_politely(String script, List<String> arguments,
                                                                         String variable, String refused)
            throws Exception {
        String garbage = arguments.get(0);
        Map<String, String> set = AgiCall.run(rig.agiPort, script, garbage.isEmpty() ? "anonymous" : garbage,
                arguments, Map.of("CC_ACCOUNT", garbage));

        assertThat(set).containsEntry(variable, refused).doesNotContainKey("CC_ERROR");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"identify-caller", "check-account", "case-status", "next-visit", "request-callback",
            "callback-result", "survey-answer"})
    void a_caller_hanging_up_mid_script_leaves_the_server_serving(String script) throws Exception {
        List<String> commands = AgiCall.hangUpMidScript(rig.agiPort, script, List.of("10042", "1795346056", "Alice"));

        assertThat(commands).hasSize(1);
        assertThat(AgiCall.run(rig.agiPort, "identify-caller", "+14155550101", List.of(), Map.of()))
                .containsEntry("CC_IDENTIFIED", "1");
    }

    @Test
    void a_peer_that_connects_and_says_nothing_is_dropped_while_others_are_served() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", rig.agiPort)) {
            silent.setSoTimeout(FastAgiServer.READ_TIMEOUT_MILLIS + 5_000);
            assertThat(AgiCall.run(rig.agiPort, "identify-caller", "+14155550101", List.of(), Map.of()))
                    .containsEntry("CC_IDENTIFIED", "1");
            long start = System.nanoTime();

            int read = silent.getInputStream().read();

            assertThat(read).as("the server closed the silent connection").isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(FastAgiServer.READ_TIMEOUT_MILLIS / 1000.0 + 1);
        }
    }

    @Test
    void binary_junk_a_huge_environment_or_an_unknown_script_end_that_connection_and_no_other() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(junk);
        String huge = "agi_network: yes\nagi_network_script: identify-caller\nagi_callerid: "
                + "4".repeat(2 * 1024 * 1024) + "\n\n";
        String unknown = "agi_network: yes\nagi_network_script: drop-tables\n"
                + "agi_request: agi://127.0.0.1/drop-tables\nagi_channel: PJSIP/x-1\nagi_uniqueid: 1.1\n\n";
        for (byte[] hostile : List.of(junk, huge.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                unknown.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            try (Socket peer = new Socket("127.0.0.1", rig.agiPort)) {
                peer.setSoTimeout(FastAgiServer.READ_TIMEOUT_MILLIS + 5_000);
                try {
                    peer.getOutputStream().write(hostile);
                    peer.getOutputStream().write("\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    peer.getOutputStream().flush();
                } catch (java.io.IOException closedWhileWriting) {
                    // the server may hang up before reading it all: that is an answer too
                }
                String answer = answerUntilClosed(peer);
                assertThat(answer).as("no caller identified, nothing run for a peer like this")
                        .doesNotContain("CC_IDENTIFIED \"1\"").doesNotContain("EXEC");
            }
            assertThat(AgiCall.run(rig.agiPort, "identify-caller", "+14155550101", List.of(), Map.of()))
                    .as("a real call right after").containsEntry("CC_IDENTIFIED", "1");
        }
    }

    /** What the server wrote until it closed the connection (a reset counts as closed); fails if it never does. */
    private static String answerUntilClosed(Socket peer) throws java.io.IOException {
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = peer.getInputStream().read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException stuck) {
            throw new AssertionError("the server kept the connection open", stuck);
        } catch (java.net.SocketException reset) {
            // closed with our bytes unread
        }
        return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
