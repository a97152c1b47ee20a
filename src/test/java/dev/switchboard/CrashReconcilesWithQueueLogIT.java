package dev.switchboard;

import dev.switchboard.calls.FactSource;
import dev.switchboard.calls.JourneyRecord;
import dev.switchboard.calls.JourneyStore;
import dev.switchboard.calls.LegRecord;
import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.QueueLogFileWriter;
import dev.switchboard.sim.SharedCallCentre;
import dev.switchboard.sim.SimCredentials;
import dev.switchboard.sim.TappedFeed;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.testing.JarProcess;
import dev.switchboard.testing.LegAgreement;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.QueueLogFigures;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.switchboard.testing.JarProcess.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the packaged jar in the middle of a call centre's traffic (while an agent's
 * phone rings for a waiting caller), a restart on the same data ten seconds later while calls go
 * on (later, by up to fifteen seconds, until the queue_log shows the two calls below). Asterisk
 * writes every call to its queue_log meanwhile, and Switchboard reads it: afterwards every call's
 * final state in the database and today's figures are what the queue_log says, each call once and
 * each with an end; a call made and abandoned while nobody listened is stored from the queue_log,
 * and a caller waiting at the kill, answered and done talking before the restart, has the answer,
 * the agent, the talk and the end from it. The calls are picked from the queue_log's times.
 */
class CrashReconcilesWithQueueLogIT {

    private static final int CALLS = 40;
    private static final int WRAP_UP_SECONDS = 1;

    private final Vertx vertx = Vertx.vertx();
    private final Path dataDir = Path.of("target", "it-data", "crash-queue-log-" + System.nanoTime()).toAbsolutePath();
    private final int httpPort = Ports.free();
    private final int dbPort = Ports.free();
    private final int agiPort = Ports.free();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    /**
     * Three agents (Bob alone serves billing as well as support), billing sending callers on to
     * support after 8 s; a caller about every 0.8 s, impatient (2-16 s); short talks; a fifth of the
     * rings let ring out. More callers than agents: abandons, timeouts and a queue at every moment.
     */
    private static TrafficProfile busyCallCentre() {
        return new TrafficProfile(List.of(new TrafficProfile.QueueSpec("support", 20, 0.6, 0, null),
                new TrafficProfile.QueueSpec("billing", 30, 0.4, 8, "support")), 3, 1.2, new int[]{1, 2}, 0.5, 0.1,
                new int[]{2, 16}, new int[]{2, 3}, 0.2, new int[]{2, 6}, WRAP_UP_SECONDS, 0, new int[]{1, 1}, 50, 22);
    }

    @Test
    void after_kill_9_under_traffic_every_call_and_todays_figures_are_what_the_queue_log_says() throws Exception {
        Files.createDirectories(dataDir);
        Path queueLogFile = dataDir.resolve("queue_log");
        try (QueueLogFileWriter writer = new QueueLogFileWriter(queueLogFile)) {
            SharedCallCentre asterisk = new SharedCallCentre(vertx, busyCallCentre(), CALLS, writer);
            RingWatch ringWatch = new RingWatch(CALLS / 2);
            List<Instant> connections = new CopyOnWriteArrayList<>();
            AmiSimulator simulator = new AmiSimulator(vertx, new SimCredentials("switchboard", "crash-secret"),
                    "Asterisk Call Manager/9.0.0", () -> {
                        connections.add(Instant.now());
                        return new TappedFeed(asterisk.feed(), ringWatch::heard);
                    }, () -> { });
            int amiPort = simulator.listen("127.0.0.1", 0).await();
            try {
                Instant killedAt;
                try (JarProcess first = JarProcess.start(env(queueLogFile, amiPort))) {
                    first.awaitLine("Switchboard is up", seconds(120));
                    if (first.stdout().stream().noneMatch(l -> l.contains("up and resynchronised"))) {
                        first.awaitLine("up and resynchronised", seconds(30));
                    }
                    asterisk.start();
                    ringWatch.ringing.get(90, TimeUnit.SECONDS);
                    killedAt = Instant.now();
                    first.kill();
                    first.awaitExit(seconds(10));
                }
                int endedAtTheKill = asterisk.finishedCalls().size();
                // calls go on while nobody listens
                await().atMost(Duration.ofSeconds(60)).until(() -> asterisk.finishedCalls().size() >= endedAtTheKill + 5);
                awaitBothCasesWhileDown(queueLogFile, killedAt);
                int before = connections.size();
                try (JarProcess second = JarProcess.start(env(queueLogFile, amiPort))) {
                    second.awaitLine("Switchboard is up", seconds(120));
                    assertThat(connections).as("AMI connections").hasSizeGreaterThan(before);
                    Instant heardAgain = connections.get(before);
                    String token = login();
                    await().atMost(Duration.ofSeconds(120)).until(() -> asterisk.finishedCalls().size() == CALLS);
                    try {
                        everythingIsAsTheQueueLogSays(queueLogFile, new Gap(killedAt, heardAgain), token);
                    } catch (AssertionError | RuntimeException failed) {
                        second.stdout().forEach(System.out::println); // what the service did, beside the failure
                        throw failed;
                    }
                    second.terminate();
                    second.awaitExit(seconds(30));
                }
            } finally {
                asterisk.stop();
                simulator.close().await();
            }
        }
    }

    private Map<String, String> env(Path queueLogFile, int amiPort) {
        Map<String, String> env = new HashMap<>();
        env.put("SWITCHBOARD_DATA_DIR", dataDir.toString());
        env.put("SWITCHBOARD_HTTP_HOST", "127.0.0.1");
        env.put("SWITCHBOARD_HTTP_PORT", String.valueOf(httpPort));
        env.put("SWITCHBOARD_AGI_PORT", String.valueOf(agiPort));
        env.put("SWITCHBOARD_DB_EMBEDDED_PORT", String.valueOf(dbPort));
        env.put("SWITCHBOARD_DEMO_SEED", "false"); // the simulator's calls alone
        env.put("SWITCHBOARD_AMI", "switchboard:crash-secret@127.0.0.1:" + amiPort);
        env.put("SWITCHBOARD_ADMIN_PASSWORD", "crash-admin-password");
        env.put("SWITCHBOARD_QUEUE_LOG", queueLogFile.toString());
        env.put("SWITCHBOARD_QUEUE_LOG_POLL_MS", "200");
        env.put("SWITCHBOARD_QUEUE_LOG_SETTLE_SECONDS", "1");
        env.put("SWITCHBOARD_QUEUE_WRAPUP", "support=" + WRAP_UP_SECONDS + ",billing=" + WRAP_UP_SECONDS);
        return env;
    }

    /**
     * The moment to kill: once {@code callers} have queued, an agent's phone starts ringing for a
     * caller who has waited a while already. Likely answered after the kill, and soon done talking.
     */
    private static final class RingWatch {
        private final int callers;
        private final Map<String, Instant> joined = new ConcurrentHashMap<>();
        final CompletableFuture<Void> ringing = new CompletableFuture<>();

        RingWatch(int callers) {
            this.callers = callers;
        }

        void heard(AmiMessage event) {
            String uniqueid = event.getOrEmpty("Uniqueid");
            if (event.getOrEmpty("Event").equals("QueueCallerJoin")) {
                joined.putIfAbsent(uniqueid, Instant.now());
            } else if (event.getOrEmpty("Event").equals("AgentCalled") && joined.size() >= callers
                    && joined.getOrDefault(uniqueid, Instant.MAX).isBefore(Instant.now().minusMillis(1500))) {
                ringing.complete(null);
            }
        }
    }

    /**
     * Keeps Switchboard down past the ten seconds, up to fifteen more, until the queue_log shows
     * both calls this test is about; the assertions say which one never came.
     */
    private static void awaitBothCasesWhileDown(Path queueLogFile, Instant killedAt) {
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                QueueLogTimes times = QueueLogTimes.read(queueLogFile);
                Gap sofar = new Gap(killedAt, Instant.now());
                return !times.madeAndAbandonedDuring(sofar).isEmpty() && !times.answeredAndCompletedDuring(sofar).isEmpty();
            });
        } catch (ConditionTimeoutException notBoth) {
            // the assertions after the restart show which
        }
    }

    /** From the kill to the first connection of the restarted service: nothing of it was heard over AMI. */
    private record Gap(Instant from, Instant to) {
        /** Whether the queue_log's whole {@code second} lies inside the gap. */
        boolean contains(long second) {
            return second > from.getEpochSecond() && second < to.getEpochSecond();
        }

        boolean before(long second) {
            return second < from.getEpochSecond();
        }
    }

    private void everythingIsAsTheQueueLogSays(Path queueLogFile, Gap gap, String token) throws Exception {
        QueueLog expected = QueueLog.read(queueLogFile);
        // AMI may store a call before queue_log's repair of it is due (settle): wait for the repairs
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> everyCallAsTheQueueLogTellsIt(expected, storedJourneys()));
        List<JourneyRecord> stored = storedJourneys();
        assertThat(stored).as("calls heard over AMI before the crash").anyMatch(j -> j.source() == FactSource.AMI);

        QueueLogTimes times = QueueLogTimes.read(queueLogFile);
        Map<String, JourneyRecord> byLinkedid = stored.stream()
                .collect(Collectors.toMap(JourneyRecord::linkedid, Function.identity()));
        System.out.println("Not heard from " + gap.from() + " to " + gap.to() + ": made and abandoned "
                + times.madeAndAbandonedDuring(gap) + ", answered and completed " + times.answeredAndCompletedDuring(gap)
                + " of " + expected.legsByCall().size() + " calls");
        callsMadeWhileDownAreStoredFromTheQueueLog(times.madeAndAbandonedDuring(gap), byLinkedid);
        callsAnsweredWhileDownAreCompletedFromTheQueueLog(times.answeredAndCompletedDuring(gap), expected, byLinkedid);

        todaysFiguresAreTheQueueLogs(token, expected);
        JsonObject queueLog = queueLogHealth(token);
        assertThat(queueLog.getString("state")).as(queueLog.encode()).isEqualTo("FOLLOWING");
        assertThat(queueLog.getLong("repairs")).as(queueLog.encode()).isPositive();
    }

    /**
     * Each queue_log leg stored once, as queue_log tells it; no call stored that queue_log does not
     * know; every call with an end.
     */
    private static void everyCallAsTheQueueLogTellsIt(QueueLog expected, List<JourneyRecord> stored) {
        Map<String, List<LegRecord>> legs = stored.stream().flatMap(j -> j.legs().stream())
                .collect(Collectors.groupingBy(l -> String.valueOf(l.uniqueid())));
        assertThat(legs.keySet()).as("calls stored").isEqualTo(expected.legsByCall().keySet());
        assertThat(stored).as("journeys, one per call").hasSameSizeAs(expected.legsByCall().keySet());
        expected.legsByCall().forEach((callid, expectedLegs) -> {
            List<LegRecord> actual = legs.get(callid);
            assertThat(actual).as("legs of " + callid).hasSameSizeAs(expectedLegs);
            for (int i = 0; i < expectedLegs.size(); i++) {
                LegAgreement.assertLegAgrees(callid, expectedLegs.get(i), actual.get(i));
            }
        });
        assertThat(stored).as("calls with no end").allMatch(j -> j.endedAt() != null);
    }

    /**
     * A caller who rang after the kill and hung up in the queue before the restart was never heard
     * over AMI: the call is stored from the queue_log alone, its abandon and its end with it.
     */
    private static void callsMadeWhileDownAreStoredFromTheQueueLog(List<String> unheard,
                                                                   Map<String, JourneyRecord> stored) {
        assertThat(unheard).as("calls that began and were abandoned while Switchboard was down").isNotEmpty();
        for (String callid : unheard) {
            JourneyRecord journey = stored.get(callid);
            assertThat(journey).as(callid).isNotNull();
            String as = callid + ": " + journey;
            assertThat(journey.source()).as("who recorded " + as).isEqualTo(FactSource.QUEUE_LOG);
            assertThat(journey.endedAt()).as("end of " + as).isNotNull();
            assertThat(journey.endedSource()).as("end of " + as).isEqualTo(FactSource.QUEUE_LOG);
            LegRecord last = journey.legs().get(journey.legs().size() - 1);
            assertThat(last.outcome().code()).as(as).isEqualTo("abandoned");
            assertThat(journey.legs()).as(as).allSatisfy(leg -> {
                assertThat(leg.joinedSource()).isEqualTo(FactSource.QUEUE_LOG);
                assertThat(leg.outcomeSource()).isEqualTo(FactSource.QUEUE_LOG);
            });
        }
    }

    /**
     * A caller waiting when the service was killed, answered after the kill and done talking before
     * it was back: AMI heard the wait at most, only queue_log the answer, the talk and the end.
     */
    private static void callsAnsweredWhileDownAreCompletedFromTheQueueLog(List<String> completedWhileDown,
                                                                          QueueLog expected,
                                                                          Map<String, JourneyRecord> stored) {
        assertThat(completedWhileDown).as("calls waiting at the kill, answered and completed before the restart")
                .isNotEmpty();
        for (String callid : completedWhileDown) {
            List<QueueLog.Leg> legs = expected.legsByCall().get(callid);
            QueueLog.Leg answered = legs.get(legs.size() - 1);
            JourneyRecord journey = stored.get(callid);
            assertThat(journey).as(callid).isNotNull();
            LegRecord leg = journey.legs().get(journey.legs().size() - 1);
            String as = callid + ": " + leg;
            assertThat(leg.outcome().code()).as(as).isEqualTo("answered");
            assertThat(leg.agentName()).as(as).isEqualTo(answered.agent);
            assertThat(leg.talkSeconds()).as(as).isNotNull();
            assertThat((double) leg.talkSeconds()).as(as).isCloseTo(answered.talkSeconds, within(1.0));
            assertThat(leg.outcomeSource()).as(as).isEqualTo(FactSource.QUEUE_LOG);
            assertThat(journey.endedAt()).as("end of " + callid).isNotNull();
            assertThat(journey.endedSource()).as("end of " + callid).isEqualTo(FactSource.QUEUE_LOG);
        }
    }

    /** Each queue's figures for today, as {@link QueueLogFigures} computes them from the queue_log alone. */
    private void todaysFiguresAreTheQueueLogs(String token, QueueLog queueLog) throws Exception {
        Map<String, Integer> targets = Map.of("support", 20, "billing", 30);
        Map<String, QueueLogFigures.Expected> expected = QueueLogFigures.expected(queueLog, targets::get,
                queue -> WRAP_UP_SECONDS);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            Map<String, JsonObject> queues = queues(token);
            return expected.entrySet().stream().allMatch(e -> {
                JsonObject q = queues.get(e.getKey());
                return q.getLong("offered") == e.getValue().offered() && q.getLong("answered") == e.getValue().answered()
                        && q.getLong("abandoned") == e.getValue().abandoned()
                        && q.getLong("timedOut") == e.getValue().timedOut();
            });
        });
        Map<String, JsonObject> queues = queues(token);
        assertThat(queues.keySet()).containsAll(expected.keySet());
        expected.forEach((name, x) -> {
            JsonObject q = queues.get(name);
            String as = name + ": " + q.encode();
            assertThat(q.getInteger("targetSeconds")).as(as).isEqualTo(targets.get(name));
            QueueLogFigures.assertFiguresAgree(as, q, x);
        });
        assertThat(expected.get("support").timedOut() + expected.get("billing").timedOut())
                .as("callers sent on by billing's timeout").isPositive();
        assertThat(expected.get("support").abandoned() + expected.get("billing").abandoned())
                .as("abandons").isPositive();
        assertThat(queueLog.legsByCall().values().stream().flatMap(List::stream).mapToInt(l -> l.ringNoAnswers).sum())
                .as("rings not answered").isPositive();
        assertThat(queueLog.legsByCall().values().stream().flatMap(List::stream).filter(l -> l.talkSeconds != null))
                .as("completed talks").isNotEmpty();
    }


    private Map<String, JsonObject> queues(String token) throws Exception {
        return new JsonArray(send("GET", "/api/queues?period=today", token, null).body()).stream()
                .map(JsonObject.class::cast).collect(Collectors.toMap(q -> q.getString("name"), q -> q));
    }

    private JsonObject queueLogHealth(String token) throws Exception {
        JsonObject health = new JsonObject(send("GET", "/health", token, null).body());
        JsonArray files = health.getJsonObject("queueLog").getJsonArray("files");
        assertThat(files).as(health.encode()).hasSize(1);
        return files.getJsonObject(0);
    }

    /**
     * When, by the queue_log's seconds, each call last joined a queue, was answered, completed or
     * abandoned, and how its last leg ended: to pick the calls the gap hid from AMI.
     */
    private record QueueLogTimes(Map<String, Long> lastEnter, Map<String, Long> connects, Map<String, Long> completes,
                                 Map<String, Long> lastLine, Map<String, String> lastOutcome) {
        static QueueLogTimes read(Path file) throws IOException {
            QueueLogTimes times = new QueueLogTimes(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(),
                    new HashMap<>());
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\\|", -1);
                if (f.length < 5 || f[1].equals("NONE")) {
                    continue;
                }
                long at = Long.parseLong(f[0]);
                times.lastLine.put(f[1], at);
                switch (f[4]) {
                    case "ENTERQUEUE" -> {
                        times.lastEnter.put(f[1], at);
                        times.lastOutcome.remove(f[1]);
                    }
                    case "CONNECT" -> {
                        times.connects.put(f[1], at);
                        times.lastOutcome.put(f[1], "answered");
                    }
                    case "COMPLETEAGENT", "COMPLETECALLER" -> times.completes.put(f[1], at);
                    case "ABANDON" -> times.lastOutcome.put(f[1], "abandoned");
                    case "EXITWITHTIMEOUT" -> times.lastOutcome.put(f[1], "timeout");
                    default -> {
                        // rings: not needed to pick the calls
                    }
                }
            }
            return times;
        }

        /**
         * Callers who rang in after the kill and hung up waiting before the service was back: AMI
         * never heard of them. The generator's Uniqueid begins with the second the caller rang in.
         */
        List<String> madeAndAbandonedDuring(Gap gap) {
            return lastOutcome.keySet().stream().filter(callid -> "abandoned".equals(lastOutcome.get(callid))
                    && gap.contains(Long.parseLong(callid.substring(0, callid.indexOf('.'))))
                    && gap.contains(lastLine.get(callid))).sorted().toList();
        }

        /** Callers waiting before the kill, answered after it, done talking before the service was back. */
        List<String> answeredAndCompletedDuring(Gap gap) {
            return connects.keySet().stream().filter(callid -> "answered".equals(lastOutcome.get(callid))
                    && gap.before(lastEnter.get(callid)) && gap.contains(connects.get(callid))
                    && completes.containsKey(callid) && gap.contains(completes.get(callid))).sorted().toList();
        }
    }

    /** Every stored journey, read as the service reads them. */
    private List<JourneyRecord> storedJourneys() throws Exception {
        String password = Files.readString(dataDir.resolve("mariadb").resolve("root-password")).trim();
        ConnectionSettings db = new ConnectionSettings("jdbc:mariadb://127.0.0.1:" + dbPort + "/switchboard", "root",
                password, 5);
        Pool pool = Database.createPool(vertx, db, 1);
        try {
            return new JourneyStore(pool).between(Instant.EPOCH, Instant.now().plusSeconds(3600), 10_000).await();
        } finally {
            pool.close().await();
        }
    }

    private String login() throws Exception {
        return new JsonObject(send("POST", "/api/login", null, new JsonObject().put("username", "admin")
                .put("password", "crash-admin-password")).body()).getString("token");
    }

    private HttpResponse<String> send(String method, String path, String token, JsonObject body) throws Exception {
        return JarProcess.send(httpPort, method, path, token, body);
    }
}
