package dev.switchboard.queues;

import dev.switchboard.config.AnswerTargetConfig;
import dev.switchboard.config.QueuesConfig;
import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.sim.TappedFeed;
import dev.switchboard.telephony.TelephonyEvent;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.WallboardClient;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/** The wallboard's live numbers: breach alerts on time, agent states, and a restart that keeps the day. */
class LiveQueuesTest {

    @Test
    void a_caller_waiting_past_the_target_raises_the_alert_within_a_second_with_no_event_in_between()
            throws Exception {
        Recording abandon = Recording.read(Recordings.file("abandon"));
        List<AmiMessage> stream = abandon.stream().stream().map(Recording.Timed::message).toList();
        AmiMessage join = first(stream, "QueueCallerJoin");
        AtomicLong joinSentAt = new AtomicLong();
        // QueueStatus reports every support agent paused; after it, only the caller's join is sent
        Map<String, List<AmiMessage>> snapshots = Map.of("QueueStatus", paused(abandon.snapshot("QueueStatus")));
        try (ServiceRig rig = new ServiceRig("breach", abandon.banner(), vertx -> () -> new TappedFeed(
                ScriptedFeed.afterQueueStatus(vertx, snapshots, List.of(join)), m -> joinSentAt.set(System.nanoTime())),
                Map.of("SWITCHBOARD_QUEUE_TARGETS", "support=2"));
             WallboardClient wallboard = WallboardClient.open(rig, rig.adminToken())) {
            wallboard.await(m -> m.getString("type").equals("snapshot"), Duration.ofSeconds(10));

            WallboardClient.Received alert = wallboard.await(m -> m.getString("type").equals("breach"),
                    Duration.ofSeconds(10));

            double afterJoin = (alert.nanos() - joinSentAt.get()) / 1e9;
            assertThat(alert.message().getString("state")).isEqualTo("raised");
            assertThat(alert.message().getString("queue")).isEqualTo("support");
            assertThat(alert.message().getString("callerNumber")).isEqualTo(join.getOrEmpty("CallerIDNum"));
            assertThat(afterJoin).as("seconds from the join to the alert").isBetween(2.0, 3.0);
            JsonObject support = queue(rig, "support");
            assertThat(support.getInteger("waiting")).isEqualTo(1);
            assertThat(support.getInteger("breached")).isEqualTo(1);
            assertThat(support.getJsonObject("agents").getInteger("paused")).isEqualTo(4);

            // the caller gives up: the alert clears and the abandon is reported with number and wait
            rig.asterisk.writeRawToClients(Buffer.buffer(stream.stream()
                    .filter(m -> m.getOrEmpty("Event").equals("QueueCallerAbandon")
                            || m.getOrEmpty("Event").equals("QueueCallerLeave")
                            || (m.getOrEmpty("Event").equals("Hangup")
                            && m.getOrEmpty("Uniqueid").equals(join.getOrEmpty("Uniqueid"))))
                    .map(AmiMessage::encode).reduce("", String::concat)));
            JsonObject cleared = wallboard.await(m -> m.getString("type").equals("breach"), Duration.ofSeconds(5))
                    .message();
            assertThat(cleared.getString("state")).isEqualTo("cleared");
            JsonObject abandoned = wallboard.await(m -> m.getString("type").equals("abandoned"),
                    Duration.ofSeconds(5)).message();
            assertThat(abandoned.getString("callerNumber")).isEqualTo(join.getOrEmpty("CallerIDNum"));
            assertThat(abandoned.getLong("waitSeconds")).isEqualTo(12);
        }
    }

    @Test
    void a_waiting_caller_shows_the_account_number_they_keyed_in_the_ivr() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        List<AmiMessage> untilJoin = untilJoin(answered);
        AmiMessage join = untilJoin.get(untilJoin.size() - 1);
        try (ServiceRig rig = new ServiceRig("ivr_account", answered.banner(), vertx -> () ->
                ScriptedFeed.afterQueueStatus(vertx, answered.snapshots(), untilJoin), Map.of());
             WallboardClient wallboard = WallboardClient.open(rig, rig.adminToken())) {
            JsonObject caller = firstWaiting(wallboard.await(m -> firstWaiting(m) != null, Duration.ofSeconds(10))
                    .message());

            assertThat(caller.getString("account")).isEqualTo("10042");
            assertThat(caller.getString("callerNumber")).isEqualTo(join.getOrEmpty("CallerIDNum"));
            assertThat(caller.getInteger("position")).isEqualTo(1);
            JsonObject listed = queue(rig, "support").getJsonArray("callers").getJsonObject(0);
            assertThat(listed.getString("account")).isEqualTo("10042");
            assertThat(listed.getString("uniqueid")).isEqualTo(join.getOrEmpty("Uniqueid"));
        }
    }

    @Test
    void an_account_keyed_after_the_caller_joined_reaches_them_and_only_for_their_call() {
        LiveQueueBoard board = new LiveQueueBoard(Clock.systemUTC(), new AnswerTargets(new QueuesConfig(Map.of(),
                new AnswerTargetConfig(20, 80.0, 5), Map.of(), Duration.ofHours(1), ZoneOffset.UTC)), Map.of());
        Instant at = Instant.now();
        board.apply(new TelephonyEvent.QueueJoined("pbx1", at, "call.1", "call.1", "support", 1, "+14155550101", "Ada"));
        board.apply(new TelephonyEvent.QueueJoined("pbx1", at, "call.2", "call.2", "support", 2, "+14155550102", null));

        LiveQueueBoard.Changes keyed = board.apply(
                new TelephonyEvent.VariableSet("pbx1", at, "call.1", "call.1-agent", "CC_ACCOUNT", "10042"));
        board.apply(new TelephonyEvent.VariableSet("pbx2", at, "call.2", "call.2", "CC_ACCOUNT", "10043"));
        board.apply(new TelephonyEvent.IvrAccountEntered("pbx1", at, "call.2", "not-a-number"));

        assertThat(keyed.queues()).containsExactly("support");
        assertThat(board.view("support").orElseThrow().waiting())
                .extracting(LiveQueue.WaitingView::callerNumber, LiveQueue.WaitingView::account)
                .containsExactly(tuple("+14155550101", "10042"), tuple("+14155550102", null));
    }

    @Test
    void a_caller_who_keyed_no_account_waits_with_none() throws Exception {
        Recording noAccount = Recording.read(Recordings.file("no-account"));
        try (ServiceRig rig = new ServiceRig("no_ivr_account", noAccount.banner(), vertx -> () ->
                ScriptedFeed.afterQueueStatus(vertx, noAccount.snapshots(), untilJoin(noAccount)), Map.of());
             WallboardClient wallboard = WallboardClient.open(rig, rig.adminToken())) {
            JsonObject caller = firstWaiting(wallboard.await(m -> firstWaiting(m) != null, Duration.ofSeconds(10))
                    .message());

            assertThat(caller.getString("callerNumber")).isEqualTo("anonymous");
            assertThat(caller.containsKey("account")).isTrue();
            assertThat(caller.getValue("account")).isNull();
        }
    }

    @Test
    void a_quiet_feed_still_beats_every_second_and_its_snapshot_says_when_and_the_state_limits() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        try (ServiceRig rig = new ServiceRig("heartbeat", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(answered.snapshots(), List.of()),
                Map.of("SWITCHBOARD_WALLBOARD_STATE_LIMITS", "paused=60"));
             WallboardClient wallboard = WallboardClient.open(rig, rig.adminToken())) {
            JsonObject snapshot = wallboard.await(m -> m.getString("type").equals("snapshot"), Duration.ofSeconds(10))
                    .message();
            assertThat(snapshot.getString("at")).isNotBlank();
            assertThat(snapshot.getJsonObject("stateLimits").getMap())
                    .containsEntry("paused", 60).containsEntry("wrapUp", 120).containsEntry("ringing", 30)
                    .containsEntry("onCall", 1200);

            WallboardClient.Received first = wallboard.await(m -> m.getString("type").equals("heartbeat"),
                    Duration.ofSeconds(3));
            WallboardClient.Received second = wallboard.await(m -> m.getString("type").equals("heartbeat"),
                    Duration.ofSeconds(3));

            double apart = (second.nanos() - first.nanos()) / 1e9;
            assertThat(apart).as("seconds between two heartbeats").isBetween(0.5, 1.5);
            assertThat(java.time.Instant.parse(second.message().getString("at")))
                    .isAfter(java.time.Instant.parse(first.message().getString("at")));
        }
    }

    @Test
    void an_agent_goes_from_ringing_to_on_call_to_wrap_up_to_ready() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        try (ServiceRig rig = new ServiceRig("agent_states", answered.banner(),
                vertx -> () -> new ReplayFeed(vertx, answered, 4), Map.of("SWITCHBOARD_QUEUE_WRAPUP", "support=2"));
             WallboardClient wallboard = WallboardClient.open(rig, rig.adminToken())) {
            List<String> states = new ArrayList<>();
            for (String expected : List.of("ringing", "on_call", "wrap_up", "ready")) {
                wallboard.await(m -> {
                    String state = aliceState(m);
                    if (state != null && (states.isEmpty() || !states.get(states.size() - 1).equals(state))) {
                        states.add(state);
                    }
                    return expected.equals(state);
                }, Duration.ofSeconds(20));
            }
            assertThat(states).containsSubsequence("ringing", "on_call", "wrap_up", "ready");
        }
    }

    @Test
    void paused_agents_show_their_reason_and_time_in_pause() throws Exception {
        Recording abandon = Recording.read(Recordings.file("abandon"));
        try (ServiceRig rig = new ServiceRig("pauses", abandon.banner(),
                vertx -> () -> new ReplayFeed(vertx, abandon, 2), Map.of());
             WallboardClient wallboard = WallboardClient.open(rig, rig.adminToken())) {
            wallboard.await(m -> "paused".equals(aliceState(m)), Duration.ofSeconds(10));
            TimeUnit.MILLISECONDS.sleep(1_100); // time in pause has to pass; nothing is being waited for

            JsonObject alice = agent(queue(rig, "support"), "Alice");
            assertThat(alice.getString("state")).isEqualTo("paused");
            assertThat(alice.getString("pausedReason")).isEqualTo("meeting");
            assertThat(alice.getLong("pausedSeconds")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void a_restart_in_the_middle_of_the_day_keeps_todays_figures() throws Exception {
        Recording ringNoAnswer = Recording.read(Recordings.file("ring-no-answer"));
        try (ServiceRig rig = new ServiceRig("restart_figures", ringNoAnswer.banner(), vertx -> {
            Iterator<EventFeed> feeds = List.of(new ReplayFeed(vertx, ringNoAnswer, 25),
                    (EventFeed) ScriptedFeed.onLogin(ringNoAnswer.snapshots(), List.of())).iterator();
            return feeds::next;
        }, Map.of())) {
            String token = rig.adminToken();
            rig.feedHeard.get(30, TimeUnit.SECONDS);
            JsonObject before = awaitAnswered(rig, token, 1);

            rig.stopService();
            rig.start();

            JsonObject after = queue(rig, "support", rig.adminToken());
            for (String figure : List.of("offered", "answered", "answeredWithinTarget", "abandoned", "timedOut",
                    "serviceLevel", "asaSeconds", "ahtSeconds")) {
                assertThat(after.getValue(figure)).as(figure).isEqualTo(before.getValue(figure));
            }
            assertThat(after.getLong("answered")).isEqualTo(1);
        }
    }

    @Test
    void the_days_report_has_96_quarter_hours_in_json_and_csv_and_refuses_bad_parameters() throws Exception {
        Recording ringNoAnswer = Recording.read(Recordings.file("ring-no-answer"));
        try (ServiceRig rig = new ServiceRig("report", ringNoAnswer.banner(),
                vertx -> () -> new ReplayFeed(vertx, ringNoAnswer, 25), Map.of())) {
            String token = rig.adminToken();
            rig.feedHeard.get(30, TimeUnit.SECONDS);
            awaitAnswered(rig, token, 1);

            JsonObject report = rig.get("/api/reports/intervals?queue=support", token).bodyAsJsonObject();
            JsonArray rows = report.getJsonArray("intervals");
            assertThat(rows).hasSize(96);
            List<JsonObject> busy = rows.stream().map(JsonObject.class::cast).filter(r -> r.getLong("offered") > 0)
                    .toList();
            assertThat(busy).singleElement().satisfies(row -> {
                assertThat(row.getLong("answered")).isEqualTo(1);
                assertThat(row.getLong("answeredWithinTarget")).as("answered at exactly 20 s").isEqualTo(1);
                assertThat(row.getDouble("asaSeconds")).isEqualTo(20.0);
            });

            var csv = rig.get("/api/reports/intervals?queue=support&format=csv", token);
            assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
            List<String> lines = csv.bodyAsString().lines().toList();
            assertThat(lines).hasSize(97);
            assertThat(lines.get(0)).startsWith("from,to,offered,answered,answered_within_target");
            assertThat(lines).filteredOn(line -> line.startsWith(busy.get(0).getString("from")))
                    .singleElement().asString().contains(",1,1,1,0,0,0,100.0,20.0,");

            assertThat(rig.get("/api/reports/intervals", token).statusCode()).isEqualTo(400);
            assertThat(rig.get("/api/reports/intervals?queue=support&date=22/11/2026", token).statusCode())
                    .isEqualTo(400);
            assertThat(rig.get("/api/queues?period=yesterday", token).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void an_agent_may_not_open_the_wallboard_feed() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        try (ServiceRig rig = new ServiceRig("feed_roles", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(answered.snapshots(), List.of()), Map.of())) {
            Sql.on(rig.database).execute("INSERT INTO users (username, display_name, password_hash, role) VALUES "
                    + "('alice', 'Alice', '" + new PasswordHasher().hash("alice-password") + "', 'agent')");
            String agentToken = rig.login("alice", "alice-password").bodyAsJsonObject().getString("token");

            Throwable refused = catchThrowable(() -> WallboardClient.open(rig, agentToken));

            assertThat(refused).isInstanceOf(UpgradeRejectedException.class);
            assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(403);
            assertThat(catchThrowable(() -> WallboardClient.open(rig, "forged")))
                    .isInstanceOf(UpgradeRejectedException.class);
        }
    }

    /** Waits (on the wallboard feed) until support's figures count this many answered, talked calls. */
    private static JsonObject awaitAnswered(ServiceRig rig, String token, long answered) throws Exception {
        try (WallboardClient wallboard = WallboardClient.open(rig, token)) {
            wallboard.awaitFigures("support", f -> f.getLong("answered") == answered
                    && f.getValue("ahtSeconds") != null, Duration.ofSeconds(30));
        }
        return queue(rig, "support", token);
    }

    private static String aliceState(JsonObject message) {
        if (!"queue".equals(message.getString("type"))) {
            return null;
        }
        JsonObject queue = message.getJsonObject("queue");
        if (!"support".equals(queue.getString("name"))) {
            return null;
        }
        JsonObject alice = agent(queue, "Alice");
        return alice == null ? null : alice.getString("state");
    }

    private static JsonObject agent(JsonObject queue, String name) {
        JsonArray agents = queue.getJsonArray("agentList");
        return agents.stream().map(JsonObject.class::cast).filter(a -> name.equals(a.getString("name"))).findFirst()
                .orElse(null);
    }

    private static JsonObject queue(ServiceRig rig, String name) {
        return queue(rig, name, rig.adminToken());
    }

    private static JsonObject queue(ServiceRig rig, String name, String token) {
        return rig.get("/api/queues", token).bodyAsJsonArray().stream().map(JsonObject.class::cast)
                .filter(q -> name.equals(q.getString("name"))).findFirst().orElse(null);
    }

    /** The recording's events up to and including the caller's QueueCallerJoin (the IVR is on the way). */
    private static List<AmiMessage> untilJoin(Recording recording) {
        List<AmiMessage> stream = recording.stream().stream().map(Recording.Timed::message).toList();
        return stream.subList(0, stream.indexOf(first(stream, "QueueCallerJoin")) + 1);
    }

    /** Support's first waiting caller in the snapshot or a queue delta (the join may come before either), else null. */
    private static JsonObject firstWaiting(JsonObject message) {
        List<JsonObject> queues = switch (message.getString("type")) {
            case "snapshot" -> message.getJsonArray("queues").stream().map(JsonObject.class::cast).toList();
            case "queue" -> List.of(message.getJsonObject("queue"));
            default -> List.of();
        };
        return queues.stream().filter(q -> "support".equals(q.getString("name")))
                .map(q -> q.getJsonArray("callers")).filter(callers -> !callers.isEmpty())
                .map(callers -> callers.getJsonObject(0)).findFirst().orElse(null);
    }

    private static AmiMessage first(List<AmiMessage> stream, String event) {
        return stream.stream().filter(m -> m.getOrEmpty("Event").equals(event)).findFirst().orElseThrow();
    }

    /** The recorded QueueStatus with every member paused for a meeting. */
    private static List<AmiMessage> paused(List<AmiMessage> queueStatus) {
        return queueStatus.stream().map(m -> m.getOrEmpty("Event").equals("QueueMember")
                ? m.with("Paused", "1").with("PausedReason", "meeting") : m).toList();
    }
}
