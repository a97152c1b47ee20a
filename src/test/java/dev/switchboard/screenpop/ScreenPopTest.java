package dev.switchboard.screenpop;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.FeedGate;
import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.testing.AgentClient;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Screen pops, end to end: real recordings (some with the caller's number changed) through the
 * simulator and the real AMI connection, a real database, and agents on real WebSockets.
 */
class ScreenPopTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SHARED_LINE = "+442071838750";

    /** Ada (10042) with history; two households sharing a line; Emmy (30001) in Berlin; Alice and Carol. */
    private static void seed(ServiceRig rig) throws Exception {
        Sql sql = Sql.on(rig.database);
        LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC);
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'sf', 'San Francisco')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace'), "
                + "(2, '20001', 'Flat 1, 3 Baker Street'), (3, '20002', 'Flat 2, 3 Baker Street'), "
                + "(4, '30001', 'Emmy Noether')");
        sql.execute("INSERT INTO account_phones (account_id, e164, shared) VALUES (1, '+14155550101', FALSE), "
                + "(2, '" + SHARED_LINE + "', TRUE), (3, '" + SHARED_LINE + "', TRUE), (4, '+4930123456', FALSE)");
        sql.execute("INSERT INTO service_addresses (id, account_id, line1, city, postcode, region_id, is_primary) "
                + "VALUES (1, 1, '12 Analytical Way', 'San Francisco', '94105', 1, TRUE)");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Grace Engineer', 1)");
        sql.execute("INSERT INTO cases (id, account_id, channel, category, status, description, created_at, closed_at) "
                + "VALUES (1, 1, 'phone', 'boiler', 'closed', 'No hot water', '" + now.minusDays(30) + "', '"
                + now.minusDays(20) + "'), (2, 1, 'phone', 'heating', 'scheduled', 'Radiator cold', '"
                + now.minusDays(2) + "', NULL)");
        sql.execute("INSERT INTO visits (id, case_id, engineer_id, starts_at, ends_at, status) VALUES "
                + "(1, 1, 1, '" + now.minusDays(25).withNano(0) + "', '" + now.minusDays(25).plusHours(2).withNano(0)
                + "', 'completed'), (2, 2, 1, '" + now.plusDays(3).withNano(0) + "', '"
                + now.plusDays(3).plusHours(2).withNano(0) + "', 'booked')");
        sql.execute("INSERT INTO engineer_reports (visit_id, outcome, work_done, minutes_on_site) "
                + "VALUES (1, 'fixed', 'Replaced the thermocouple', 45)");
        sql.execute("INSERT INTO csat_surveys (case_id, channel, score, answered_at) VALUES (1, 'sms', 4, '"
                + now.minusDays(19) + "')");
        sql.execute("INSERT INTO call_journeys (id, server, linkedid, caller_number, account_id, started_at, ended_at) "
                + "VALUES (1, 'earlier', 'earlier.1', '+14155550101', 1, '" + now.minusDays(31) + "', '"
                + now.minusDays(31).plusMinutes(5) + "')");
        sql.execute("INSERT INTO call_legs (journey_id, leg_no, queue_name, joined_at, outcome, hold_seconds, "
                + "agent_member_name) VALUES (1, 1, 'support', '" + now.minusDays(31) + "', 'answered', 12, 'Bob')");
        String hash = new PasswordHasher().hash("agent-password");
        sql.execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(101, 'alice', 'Alice', '" + hash + "', 'agent'), (103, 'carol', 'Carol', '" + hash + "', 'agent')");
        sql.execute("INSERT INTO agents (id, user_id, member_name) VALUES (1, 101, 'Alice'), (3, 103, 'Carol')");
        sql.execute("INSERT INTO agent_interfaces (interface, agent_id) VALUES "
                + "('Local/1001@agents/n', 1), ('PJSIP/1001', 1), ('Local/1003@agents/n', 3)");
    }

    /** Each rig's gate, held shut until {@link #callStarts}. */
    private static final Map<ServiceRig, FeedGate> GATES = new java.util.concurrent.ConcurrentHashMap<>();

    private static AgentClient agent(ServiceRig rig, String user) {
        String token = rig.login(user, "agent-password").bodyAsJsonObject().getString("token");
        return new AgentClient(rig, token);
    }

    private static ServiceRig rig(String name, Recording recording, Map<String, String> settings) throws Exception {
        return rig(name, recording, settings, 4);
    }

    /** The recording replayed {@code speed} times faster than it happened. */
    private static ServiceRig rig(String name, Recording recording, Map<String, String> settings, double speed)
            throws Exception {
        FeedGate[] gate = new FeedGate[1];
        ServiceRig rig = new ServiceRig("pop_" + name, recording.banner(), vertx -> {
            gate[0] = new FeedGate(() -> new ReplayFeed(vertx, recording, speed));
            return gate[0]::feed;
        }, settings, false);
        seed(rig);
        rig.start();
        GATES.put(rig, gate[0]);
        return rig;
    }

    /**
     * The recorded call starts: only once the test's agents are connected, so that a busy machine
     * cannot let a ring go by before an agent's socket is there to hear it.
     */
    private static void callStarts(ServiceRig rig) {
        GATES.get(rig).open();
    }

    private static boolean pop(JsonObject message, String state) {
        return message.getString("type").equals("pop") && message.getString("state").equals(state);
    }

    @Test
    void the_rung_agent_sees_account_10042_with_its_history_and_nobody_else_sees_anything() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        try (ServiceRig rig = rig("answered", answered, Map.of());
             AgentClient alice = agent(rig, "alice"); AgentClient carol = agent(rig, "carol")) {
            callStarts(rig);
            JsonObject pop = alice.await(m -> pop(m, "ringing"), WAIT).getJsonObject("pop");

            assertThat(pop.getString("resolvedBy")).isEqualTo("ivr-account");
            assertThat(pop.getString("callerNumber")).isEqualTo("+14155550101");
            assertThat(pop.getString("callerE164")).isEqualTo("+14155550101");
            assertThat(pop.getString("callerName")).isEqualTo("Ada Lovelace");
            assertThat(pop.getString("queue")).isEqualTo("support");
            assertThat(pop.getBoolean("breached")).isFalse();
            JsonObject account = pop.getJsonObject("account");
            assertThat(account.getString("accountNumber")).isEqualTo("10042");
            assertThat(account.getJsonObject("address").getString("city")).isEqualTo("San Francisco");
            assertThat(account.getJsonArray("openCases")).singleElement()
                    .satisfies(c -> assertThat(((JsonObject) c).getString("category")).isEqualTo("heating"));
            assertThat(account.getJsonObject("nextVisit").getString("engineer")).isEqualTo("Grace Engineer");
            assertThat(account.getJsonObject("lastCsat").getInteger("score")).isEqualTo(4);
            JsonArray history = account.getJsonArray("history");
            assertThat(history.stream().map(h -> ((JsonObject) h).getString("kind")))
                    .as("newest first").containsExactly("case", "visit", "case", "call");
            assertThat(history.stream().map(JsonObject.class::cast).filter(h -> h.getString("kind").equals("visit")))
                    .singleElement().satisfies(v -> assertThat(v.getString("outcome")).isEqualTo("fixed"));
            assertThat(history.stream().map(JsonObject.class::cast).filter(h -> h.getString("kind").equals("call")))
                    .singleElement().satisfies(c -> assertThat(c.getString("agent")).isEqualTo("Bob"));

            JsonObject active = alice.await(m -> pop(m, "active"), WAIT);
            assertThat(active.getJsonObject("pop").getString("popId")).isEqualTo(pop.getString("popId"));
            alice.await(m -> m.getString("type").equals("ended"), Duration.ofSeconds(30));
            assertThat(carol.received()).as("Carol's phone never rang").isEmpty();
        }
    }

    @Test
    void the_ivr_account_wins_over_a_caller_id_shared_by_two_accounts() throws Exception {
        Recording call = edited("answered", m -> callerNumber(m, SHARED_LINE));
        try (ServiceRig rig = rig("ivr_wins", call, Map.of()); AgentClient alice = agent(rig, "alice")) {
            callStarts(rig);
            JsonObject pop = alice.await(m -> pop(m, "ringing"), WAIT).getJsonObject("pop");

            assertThat(pop.getString("resolvedBy")).isEqualTo("ivr-account");
            assertThat(pop.getJsonObject("account").getString("accountNumber")).isEqualTo("10042");
        }
    }

    @Test
    void a_caller_id_shared_by_two_accounts_gives_both_to_choose_from() throws Exception {
        Recording call = edited("answered", m -> callerNumber(withoutIvrAccount(m), SHARED_LINE));
        try (ServiceRig rig = rig("shared", call, Map.of()); AgentClient alice = agent(rig, "alice")) {
            callStarts(rig);
            JsonObject pop = alice.await(m -> pop(m, "ringing"), WAIT).getJsonObject("pop");

            assertThat(pop.getString("resolvedBy")).isEqualTo("caller-id");
            assertThat(pop.getValue("account")).isNull();
            assertThat(pop.getJsonArray("candidates").stream().map(c -> ((JsonObject) c).getString("accountNumber")))
                    .containsExactlyInAnyOrder("20001", "20002");
        }
    }

    @Test
    void a_withheld_caller_is_unknown_with_the_action_to_create_an_account() throws Exception {
        Recording anonymous = Recording.read(Recordings.file("no-account"));
        try (ServiceRig rig = rig("withheld", anonymous, Map.of()); AgentClient alice = agent(rig, "alice")) {
            callStarts(rig);
            JsonObject pop = alice.await(m -> pop(m, "ringing"), WAIT).getJsonObject("pop");

            assertThat(pop.getBoolean("withheld")).isTrue();
            assertThat(pop.getString("resolvedBy")).isEqualTo("none");
            assertThat(pop.getJsonArray("actions")).containsExactly("create-account");
        }
    }

    @ParameterizedTest(name = "{0} with default country {1}")
    @CsvSource({"0049 30 123456, US", "+49 30 123456, GB", "030 123456, DE"})
    void international_and_national_formats_find_the_account(String presented, String country) throws Exception {
        Recording call = edited("answered", m -> callerNumber(withoutIvrAccount(m), presented));
        try (ServiceRig rig = rig("formats", call, Map.of("SWITCHBOARD_DEFAULT_COUNTRY", country));
             AgentClient alice = agent(rig, "alice")) {
            callStarts(rig);
            JsonObject pop = alice.await(m -> pop(m, "ringing"), WAIT).getJsonObject("pop");

            assertThat(pop.getString("callerNumber")).isEqualTo(presented);
            assertThat(pop.getString("callerE164")).isEqualTo("+4930123456");
            assertThat(pop.getJsonObject("account").getString("accountNumber")).isEqualTo("30001");
        }
    }

    @Test
    void ring_no_answer_moves_the_pop_from_carol_to_alice_and_carol_never_gets_alices_pop() throws Exception {
        Recording call = Recording.read(Recordings.file("ring-no-answer"));
        FeedGate[] gate = new FeedGate[1];
        ServiceRig gated = new ServiceRig("pop_rna", call.banner(), vertx -> {
            gate[0] = new FeedGate(() -> new ReplayFeed(vertx, call, 4));
            return gate[0]::feed;
        }, Map.of(), false);
        seed(gated);
        gated.start();
        try (ServiceRig rig = gated; AgentClient alice = agent(rig, "alice"); AgentClient carol = agent(rig, "carol")) {
            // the call starts once both are connected: a busy machine must not let Carol miss her first ring
            gate[0].open();
            JsonObject first = carol.await(m -> pop(m, "ringing"), WAIT).getJsonObject("pop");
            JsonObject withdrawn = carol.await(m -> m.getString("type").equals("withdrawn"), WAIT);
            assertThat(withdrawn.getString("popId")).isEqualTo(first.getString("popId"));
            assertThat(withdrawn.getString("reason")).isEqualTo("no-answer");

            JsonObject alicePop = alice.await(m -> pop(m, "ringing"), Duration.ofSeconds(30)).getJsonObject("pop");
            assertThat(alicePop.getBoolean("breached")).as("answered at exactly the 20 s target").isIn(true, false);
            alice.await(m -> pop(m, "active"), WAIT);
            // a quiet moment in which a pop sent to the wrong agent would reach Carol too
            TimeUnit.MILLISECONDS.sleep(300);

            Set<String> carolsPops = Set.copyOf(carol.received().stream().filter(m -> m.getString("type").equals("pop"))
                    .map(m -> m.getJsonObject("pop").getString("popId")).toList());
            assertThat(carolsPops).hasSize(2).doesNotContain(alicePop.getString("popId"));
            assertThat(carol.received().stream().filter(m -> m.getString("type").equals("withdrawn"))).hasSize(2);
        }
    }

    @Test
    void an_agent_who_reconnects_during_the_call_gets_the_current_pop_again() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        // at the recording's own pace: the agent reconnects well within the 14 s the call lasts
        try (ServiceRig rig = rig("reconnect", answered, Map.of(), 1)) {
            String popId;
            try (AgentClient alice = agent(rig, "alice")) {
                callStarts(rig);
                popId = alice.await(m -> pop(m, "active"), WAIT).getJsonObject("pop").getString("popId");
            }
            try (AgentClient again = agent(rig, "alice")) {
                JsonObject first = again.await(m -> true, WAIT);
                assertThat(pop(first, "active")).isTrue();
                assertThat(first.getJsonObject("pop").getString("popId")).isEqualTo(popId);
                assertThat(first.getJsonObject("pop").getJsonObject("account").getString("accountNumber"))
                        .isEqualTo("10042");
            }
        }
    }

    @Test
    void a_user_who_is_not_an_agent_with_a_phone_may_not_open_the_pop_socket() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        try (ServiceRig rig = rig("not_agent", answered, Map.of())) {
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> new AgentClient(rig, rig.adminToken()));
            assertThat(refused).hasMessageContaining("403");
        }
    }

    private static Recording edited(String name, UnaryOperator<AmiMessage> edit) throws Exception {
        Recording recording = Recording.read(Recordings.file(name));
        List<Recording.Timed> stream = recording.stream().stream()
                .map(t -> new Recording.Timed(t.ms(), edit.apply(t.message())))
                .filter(t -> t.message() != null).toList();
        return new Recording(recording.banner(), recording.snapshots(), stream);
    }

    private static AmiMessage callerNumber(AmiMessage message, String number) {
        if (message == null) {
            return null;
        }
        return message.get("CallerIDNum").filter(n -> n.equals("+14155550101")).isPresent()
                ? message.with("CallerIDNum", number) : message;
    }

    /** Drops what the IVR says of the account: the caller keyed nothing. */
    private static AmiMessage withoutIvrAccount(AmiMessage message) {
        boolean ivrAccount = message.getOrEmpty("Variable").endsWith("CC_ACCOUNT")
                || message.getOrEmpty("UserEvent").equals("IvrAccount");
        return ivrAccount ? null : message;
    }
}
