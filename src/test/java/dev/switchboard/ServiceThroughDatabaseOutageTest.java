package dev.switchboard;

import dev.switchboard.sim.GeneratorFeed;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.EmbeddedDatabase;
import dev.switchboard.store.EmbeddedServerOptions;
import dev.switchboard.web.auth.PasswordHasher;
import dev.switchboard.testing.AgentClient;
import dev.switchboard.testing.CallsMade;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.WallboardClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service while its MariaDB is stopped for 30 s under calls: it stays up, the
 * wallboard keeps moving, readiness says why it is not ready, API requests get a 503 saying the
 * database is away, a ringing agent still gets a pop (the number, no account), unsaved calls
 * beyond the in-memory bound go to files, a case opened meanwhile
 * is held on disk (202), and once it is back every call the simulated Asterisk made is stored
 * exactly once, the held case is opened once, and the service is ready again.
 */
class ServiceThroughDatabaseOutageTest {

    private static final int CALLS = 60;
    private static final int HELD_IN_MEMORY = 5;

    @Test
    @Timeout(300)
    void the_service_rides_out_thirty_seconds_without_its_database() throws Exception {
        Path home = Path.of("target", "service-outage-" + System.nanoTime()).toAbsolutePath();
        int dbPort = Ports.free();
        EmbeddedDatabase server = EmbeddedDatabase.start(home, databaseOn(dbPort), 10);
        server.createDatabase("outage");
        ConnectionSettings db = server.database("outage");
        CallsMade made = new CallsMade();
        TrafficProfile traffic = new TrafficProfile(List.of(new TrafficProfile.QueueSpec("support", 20, 1, 0, null)),
                10, 1.5, new int[]{1, 1}, 0.5, 0, new int[]{60, 60}, new int[]{1, 2}, 0, new int[]{2, 4}, 1, 0,
                new int[]{1, 1}, 100, 29);
        try (ServiceRig rig = new ServiceRig("unused_outage", "Asterisk Call Manager/9.0.0",
                vertx -> () -> made.watch(new GeneratorFeed(vertx, traffic, CALLS)), Map.of(
                "SWITCHBOARD_DB_URL", db.jdbcUrl(), "SWITCHBOARD_DB_USER", db.user(),
                "SWITCHBOARD_DB_PASSWORD", db.password(), "SWITCHBOARD_DB_UNSAVED_CALLS_IN_MEMORY", String.valueOf(HELD_IN_MEMORY),
                "SWITCHBOARD_DATA_DIR", home.resolve("service").toString()))) {
            String token = rig.adminToken();
            Sql.on(db).execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
            Sql.on(db).execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                    + "(101, 'alice', 'Alice', '" + new PasswordHasher().hash("agent-password") + "', 'agent')");
            Sql.on(db).execute("INSERT INTO agents (id, user_id, member_name) VALUES (1, 101, 'Alice')");
            Sql.on(db).execute("INSERT INTO agent_interfaces (interface, agent_id) VALUES ('"
                    + TrafficProfile.agentInterface(0) + "', 1)");
            try (WallboardClient wallboard = WallboardClient.open(rig, token);
                 AgentClient alice = new AgentClient(rig, rig.login("alice", "agent-password").bodyAsJsonObject()
                         .getString("token"))) {
                wallboard.await(m -> m.getString("type").equals("snapshot"), Duration.ofSeconds(10));
                alice.await(m -> m.getString("type").equals("pop"), Duration.ofSeconds(40));
                awaitStoredCalls(db, 3);

                server.stop();
                long stoppedAt = System.nanoTime();

                WallboardClient.Received moved;
                do {
                    moved = wallboard.await(m -> m.getString("type").equals("queue"), Duration.ofSeconds(10));
                } while (moved.nanos() < stoppedAt + 1_000_000_000L);
                assertThat(moved.message().getJsonObject("queue").getString("name")).isEqualTo("support");

                HttpResponse<Buffer> ready = rig.get("/ready", null);
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.bodyAsString()).contains("database");
                HttpResponse<Buffer> queues = rig.get("/api/queues", token);
                assertThat(queues.statusCode()).as(queues.bodyAsString()).isEqualTo(503);
                assertThat(queues.getHeader("Retry-After")).isEqualTo("5");
                assertThat(queues.bodyAsJsonObject().getString("code")).isEqualTo("database_unavailable");
                HttpResponse<Buffer> opened = rig.client.post(rig.port, "127.0.0.1", "/api/cases")
                        .putHeader("Authorization", "Bearer " + token)
                        .sendJsonObject(new JsonObject().put("accountNumber", "10042").put("channel", "phone").put("category", "boiler")
                                .put("description", "No hot water; told during the outage.")).await();
                assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(202);
                String reference = opened.bodyAsJsonObject().getString("reference");
                assertThat(opened.bodyAsJsonObject().getBoolean("held")).isTrue();
                assertThat(home.resolve("service").resolve("held-cases").toFile().list())
                        .as("the opening is on disk before the agent is told").hasSize(1);

                JsonObject degraded = alice.await(m -> m.getString("type").equals("pop")
                        && "unavailable".equals(m.getJsonObject("pop").getString("resolvedBy")), Duration.ofSeconds(25));
                assertThat(degraded.getJsonObject("pop").getString("agentInterface"))
                        .as("a phone that rings while the database is away still pops, at its agent")
                        .isEqualTo(TrafficProfile.agentInterface(0));
                assertThat(degraded.getJsonObject("pop").getString("callerNumber")).isNotBlank();

                // checked all through the rest of the 30 s outage, not once
                Duration restOfOutage = Duration.ofSeconds(30).minusNanos(System.nanoTime() - stoppedAt);
                await("unsaved calls held in memory at most: the bound, and what one retry interval adds")
                        .during(restOfOutage).atMost(restOfOutage.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                        .until(() -> rig.registry.get("switchboard.calls.unsaved").gauge().value()
                                <= HELD_IN_MEMORY + 20);
                assertThat(home.resolve("service").resolve("unsaved-calls").toFile().list())
                        .as("calls kept on disk meanwhile").isNotEmpty();

                server = EmbeddedDatabase.start(home, databaseOn(dbPort), 10);
                rig.feedHeard.get(120, java.util.concurrent.TimeUnit.SECONDS);
                awaitStoredCalls(db, CALLS);
                awaitReady(rig);
                awaitHeldCasesOpened(rig);
                assertThat(Sql.on(db).text("SELECT description FROM cases WHERE request_ref = '" + reference + "'"))
                        .isEqualTo("No hot water; told during the outage.");
            }
            Sql sql = Sql.on(db);
            assertThat(sql.count("SELECT COUNT(*) FROM cases")).isEqualTo(1);
            assertThat(sql.count("SELECT COUNT(*) FROM call_journeys")).isEqualTo(CALLS);
            assertThat(linkedids(db)).isEqualTo(made.linkedids());
            assertThat(home.resolve("service").resolve("unsaved-calls").toFile().list()).isEmpty();
        } finally {
            server.stop();
        }
    }

    private static java.util.Set<String> linkedids(ConnectionSettings db) throws java.sql.SQLException {
        java.util.Set<String> linkedids = new java.util.TreeSet<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.driverProperties());
             java.sql.ResultSet r = c.createStatement().executeQuery("SELECT linkedid FROM call_journeys")) {
            while (r.next()) {
                linkedids.add(r.getString(1));
            }
        }
        return linkedids;
    }

    private static void awaitStoredCalls(ConnectionSettings db, int calls) {
        await("all " + calls + " calls stored").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreException(java.sql.SQLException.class) // the server is still starting
                .until(() -> Sql.on(db).count("SELECT COUNT(*) FROM call_journeys WHERE ended_at IS NOT NULL") >= calls);
    }

    private static void awaitHeldCasesOpened(ServiceRig rig) {
        await("held case openings opened").atMost(Duration.ofSeconds(30))
                .until(() -> rig.registry.get("switchboard.cases.held").gauge().value() == 0);
    }

    private static void awaitReady(ServiceRig rig) {
        await("ready again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> rig.get("/ready", null).statusCode() == 200);
        assertThat(new JsonObject(rig.get("/ready", null).bodyAsString()).getString("status")).isEqualTo("READY");
    }

    private static EmbeddedServerOptions databaseOn(int port) {
        return new EmbeddedServerOptions(port, 64, EmbeddedServerOptions.DEFAULT_START_TIMEOUT);
    }
}
