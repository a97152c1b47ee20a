package dev.switchboard;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.SharedCallCentre;
import dev.switchboard.sim.SimCredentials;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.testing.JarProcess;
import dev.switchboard.testing.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.switchboard.testing.JarProcess.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the packaged jar while calls are in progress, then a restart on the same
 * data: every call stored before is unchanged, the case opened before is there, the callers still
 * waiting are rebuilt from Asterisk's QueueStatus, and today's figures are what they were.
 */
class CrashIT {

    private final Vertx vertx = Vertx.vertx();
    private final Path dataDir = Path.of("target", "it-data", "crash-" + System.nanoTime()).toAbsolutePath();
    private final int httpPort = Ports.free();
    private final int dbPort = Ports.free();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    /**
     * Alice alone serves support and talks for two minutes; billing has nobody and sends callers
     * away after 3 s. Twelve callers in twelve seconds: billing's end at once, support's wait
     * (patient for five minutes) — a quiet call centre with calls in progress.
     */
    private static TrafficProfile quietAfterTwelveCalls() {
        return new TrafficProfile(List.of(new TrafficProfile.QueueSpec("support", 20, 0.5, 0, null),
                new TrafficProfile.QueueSpec("billing", 30, 0.5, 3, null)), 1, 1, new int[]{1, 1}, 0.5, 0,
                new int[]{300, 300}, new int[]{1, 1}, 0, new int[]{120, 120}, 1, 0, new int[]{1, 1}, 50, 41);
    }

    @Test
    void after_kill_9_under_calls_a_restart_keeps_what_was_stored_and_rebuilds_the_calls_in_progress()
            throws Exception {
        SharedCallCentre asterisk = new SharedCallCentre(vertx, quietAfterTwelveCalls(), 12);
        AmiSimulator simulator = new AmiSimulator(vertx, new SimCredentials("switchboard", "crash-secret"),
                "Asterisk Call Manager/9.0.0", asterisk::feed, () -> { });
        int amiPort = simulator.listen("127.0.0.1", 0).await();
        asterisk.start();
        Map<String, String> env = Map.of(
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_HTTP_PORT", String.valueOf(httpPort),
                "SWITCHBOARD_AGI_PORT", String.valueOf(Ports.free()),
                "SWITCHBOARD_DB_EMBEDDED_PORT", String.valueOf(dbPort),
                "SWITCHBOARD_DEMO_ACCOUNTS", "50",
                "SWITCHBOARD_AMI", "switchboard:crash-secret@127.0.0.1:" + amiPort,
                "SWITCHBOARD_ADMIN_PASSWORD", "crash-admin-password");
        try {
            Map<String, String> storedBefore;
            JsonObject figuresBefore;
            long caseId;
            try (JarProcess first = JarProcess.start(env)) {
                first.awaitLine("Switchboard is up", seconds(120));
                String token = login();
                awaitQuiet();
                caseId = new JsonObject(send("POST", "/api/cases", token, new JsonObject().put("accountNumber", "10000")
                        .put("channel", "phone").put("category", "boiler").put("description", "Opened before the crash"))
                        .body()).getLong("id");
                figuresBefore = figures(token);

                first.kill();
                first.awaitExit(seconds(10));
                storedBefore = storedJourneys(); // the orphaned MariaDB still answers
            }
            assertThat(storedBefore.values()).as("calls ended before the crash").anyMatch(CrashIT::ended);
            int waiting = entries(asterisk.feed().snapshot("QueueStatus"));
            assertThat(waiting).as("callers waiting in Asterisk during the crash").isGreaterThan(0);

            try (JarProcess second = JarProcess.start(env)) {
                second.awaitLine("Switchboard is up", seconds(120));
                String resyncLine = second.stdout().stream().filter(l -> l.contains("up and resynchronised"))
                        .findFirst().orElseGet(() -> awaitResync(second));
                Matcher resynced = Pattern.compile("up and resynchronised \\((\\d+) waiting").matcher(resyncLine);
                assertThat(resynced.find()).isTrue();
                assertThat(Integer.parseInt(resynced.group(1))).as("waiting callers rebuilt from QueueStatus")
                        .isEqualTo(waiting);
                String token = login();

                JsonObject support = queue(token, "support");
                assertThat(support.getInteger("waiting")).isEqualTo(waiting);
                assertThat(new TreeSet<>(support.getJsonArray("callers").stream()
                        .map(c -> ((JsonObject) c).getString("uniqueid")).toList()))
                        .isEqualTo(uniqueidsWaiting(asterisk.feed().snapshot("QueueStatus")));
                assertThat(figures(token)).as("today's figures").isEqualTo(figuresBefore);
                Map<String, String> storedAfter = storedJourneys();
                storedBefore.forEach((linkedid, journey) -> {
                    if (ended(journey)) {
                        assertThat(storedAfter.get(linkedid)).as("ended call " + linkedid).isEqualTo(journey);
                    }
                });
                JsonObject kept = new JsonObject(send("GET", "/api/cases/" + caseId, token, null).body());
                assertThat(kept.getString("description")).isEqualTo("Opened before the crash");

                second.terminate();
                second.awaitExit(seconds(30));
            }
        } finally {
            asterisk.stop();
            simulator.close().await();
        }
    }

    private static String awaitResync(JarProcess service) {
        try {
            return service.awaitLine("up and resynchronised", seconds(30));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every queue's figures for today (what a restart must not change). */
    private JsonObject figures(String token) throws Exception {
        JsonObject all = new JsonObject();
        for (Object q : new JsonArray(send("GET", "/api/queues", token, null).body())) {
            JsonObject queue = (JsonObject) q;
            all.put(queue.getString("name"), new JsonObject().put("offered", queue.getValue("offered"))
                    .put("answered", queue.getValue("answered")).put("abandoned", queue.getValue("abandoned"))
                    .put("timedOut", queue.getValue("timedOut")).put("serviceLevel", queue.getValue("serviceLevel"))
                    .put("asaSeconds", queue.getValue("asaSeconds")));
        }
        return all;
    }

    private static boolean ended(String journey) {
        return !journey.startsWith("null|");
    }

    private JsonObject queue(String token, String name) throws Exception {
        return new JsonArray(send("GET", "/api/queues", token, null).body()).stream().map(JsonObject.class::cast)
                .filter(q -> q.getString("name").equals(name)).findFirst().orElseThrow();
    }

    /** Until all twelve callers have arrived and billing's have gone (about 17 s). */
    private static void awaitQuiet() throws InterruptedException {
        TimeUnit.SECONDS.sleep(20);
    }

    private static int entries(List<AmiMessage> queueStatus) {
        return (int) queueStatus.stream().filter(m -> m.getOrEmpty("Event").equals("QueueEntry")).count();
    }

    private static TreeSet<String> uniqueidsWaiting(List<AmiMessage> queueStatus) {
        return new TreeSet<>(queueStatus.stream().filter(m -> m.getOrEmpty("Event").equals("QueueEntry"))
                .map(m -> m.getOrEmpty("Uniqueid")).toList());
    }

    /** Each stored journey with its legs as one line of text, its end first, by Linkedid. */
    private Map<String, String> storedJourneys() throws Exception {
        String password = Files.readString(dataDir.resolve("mariadb").resolve("root-password")).trim();
        ConnectionSettings db = new ConnectionSettings("jdbc:mariadb://127.0.0.1:" + dbPort + "/switchboard", "root",
                password, 5);
        Map<String, String> journeys = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.driverProperties());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT j.linkedid, j.ended_at, j.started_at, l.queue_name, l.outcome,"
                     + " l.hold_seconds, l.talk_seconds, l.agent_member_name FROM call_journeys j"
                     + " LEFT JOIN call_legs l ON l.journey_id = j.id ORDER BY j.linkedid, l.leg_no")) {
            while (r.next()) {
                StringBuilder line = new StringBuilder(r.getString(2) + "|"); // ended_at first: "null|" while in progress
                for (int i = 3; i <= 8; i++) {
                    line.append(r.getString(i)).append('|');
                }
                journeys.merge(r.getString(1), line.toString(), (a, b) -> a + b.substring(b.indexOf('|') + 1));
            }
        }
        return journeys;
    }

    private String login() throws Exception {
        return new JsonObject(send("POST", "/api/login", null, new JsonObject().put("username", "admin")
                .put("password", "crash-admin-password")).body()).getString("token");
    }

    private HttpResponse<String> send(String method, String path, String token, JsonObject body) throws Exception {
        return JarProcess.send(httpPort, method, path, token, body);
    }
}
