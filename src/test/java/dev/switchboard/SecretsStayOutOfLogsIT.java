package dev.switchboard;

import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.GeneratorFeed;
import dev.switchboard.sim.SimCredentials;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.testing.JarProcess;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.testing.JarProcess.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole run of the packaged jar against an external database and an Asterisk that both need a
 * password, with calls, logins good and bad, a new user and a reconnect: not one secret, password
 * or session token appears anywhere in what the service printed.
 */
class SecretsStayOutOfLogsIT {

    private static final String AMI_SECRET = "ami-Secret-4f1d9c";
    private static final String DB_PASSWORD = "db-Password-83be10";
    private static final String ADMIN_PASSWORD = "admin-Password-77c2e5";
    private static final String WRONG_PASSWORD = "wrong-Password-19ad44";
    private static final String NEW_USER_PASSWORD = "hidden-Password-5e0b3a";
    private static final String SMTP_PASSWORD = "smtp-Password-4b71d0";
    private static final String SMS_TOKEN = "sms-Token-a93f12";

    private final Vertx vertx = Vertx.vertx();
    private final int httpPort = Ports.free();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void no_secret_appears_in_the_log_of_a_run() throws Exception {
        AmiSimulator asterisk = new AmiSimulator(vertx, new SimCredentials("switchboard", AMI_SECRET),
                "Asterisk Call Manager/9.0.0", () -> new GeneratorFeed(vertx, TrafficProfile.demo(5, 1, 100, 3), 20),
                () -> { });
        int amiPort = asterisk.listen("127.0.0.1", 0).await();
        ConnectionSettings database = externalDatabaseWithPassword();
        List<String> secrets = new ArrayList<>(List.of(AMI_SECRET, DB_PASSWORD, ADMIN_PASSWORD, WRONG_PASSWORD,
                NEW_USER_PASSWORD, SMTP_PASSWORD, SMS_TOKEN));

        try (JarProcess service = JarProcess.start(variables(
                "SWITCHBOARD_DATA_DIR", Path.of("target", "it-data", "secrets-" + System.nanoTime()).toString(),
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_HTTP_PORT", String.valueOf(httpPort),
                "SWITCHBOARD_AGI_PORT", String.valueOf(Ports.free()),
                "SWITCHBOARD_DB_URL", database.jdbcUrl(),
                "SWITCHBOARD_DB_USER", database.user(),
                "SWITCHBOARD_DB_PASSWORD", DB_PASSWORD,
                "SWITCHBOARD_AMI", "switchboard:" + AMI_SECRET + "@127.0.0.1:" + amiPort,
                "SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "SWITCHBOARD_SMTP_HOST", "127.0.0.1",
                "SWITCHBOARD_SMTP_PORT", String.valueOf(Ports.free()),
                "SWITCHBOARD_SMTP_USER", "switchboard",
                "SWITCHBOARD_SMTP_PASSWORD", SMTP_PASSWORD,
                "SWITCHBOARD_SMS_URL", "http://127.0.0.1:" + Ports.free() + "/sms",
                "SWITCHBOARD_SMS_TOKEN", SMS_TOKEN))) {
            service.awaitLine("Switchboard is up", seconds(90));
            assertThat(login("admin", WRONG_PASSWORD).statusCode()).isEqualTo(401);
            String token = new JsonObject(login("admin", ADMIN_PASSWORD).body()).getString("token");
            secrets.add(token);
            assertThat(send("POST", "/api/admin/users", token, new JsonObject().put("username", "frank")
                    .put("displayName", "Frank").put("role", "agent").put("password", NEW_USER_PASSWORD))
                    .statusCode()).isEqualTo(201);
            String franksToken = new JsonObject(login("frank", NEW_USER_PASSWORD).body()).getString("token");
            secrets.add(franksToken);
            assertThat(send("GET", "/api/me", "not-a-token-" + AMI_SECRET, null).statusCode()).isEqualTo(401);
            assertThat(awaitCalls(token)).as("calls from the simulated Asterisk are stored").isTrue();
            asterisk.dropClients(); // the login, with its secret, happens again
            service.awaitLine("AMI switchboard@127\\.0\\.0\\.1:\\d+: down", seconds(30));
            service.awaitLine("up and resynchronised", seconds(30));

            service.terminate();
            service.awaitExit(seconds(30));

            List<String> printed = new ArrayList<>(service.stdout());
            printed.addAll(service.stderr());
            assertThat(printed).as("the run printed what it did").anyMatch(line -> line.contains("switchboard@127.0.0.1:" + amiPort));
            for (String secret : secrets) {
                assertThat(printed).as("lines showing a secret").noneMatch(line -> line.contains(secret));
            }
        } finally {
            asterisk.close().await();
        }
    }

    private static ConnectionSettings externalDatabaseWithPassword() throws Exception {
        ConnectionSettings fresh = TestMariaDb.freshDatabase("secrets");
        String name = fresh.jdbcUrl().substring(fresh.jdbcUrl().lastIndexOf('/') + 1);
        Sql root = Sql.on(fresh);
        root.execute("CREATE USER IF NOT EXISTS 'secretive'@'127.0.0.1' IDENTIFIED BY '" + DB_PASSWORD + "'");
        root.execute("GRANT ALL PRIVILEGES ON " + name + ".* TO 'secretive'@'127.0.0.1'");
        return new ConnectionSettings(fresh.jdbcUrl(), "secretive", DB_PASSWORD, 5);
    }

    private boolean awaitCalls(String token) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            HttpResponse<String> calls = send("GET", "/api/calls", token, null);
            if (calls.statusCode() == 200 && !new JsonArray(calls.body()).isEmpty()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        return send("POST", "/api/login", null, new JsonObject().put("username", user).put("password", password));
    }

    private HttpResponse<String> send(String method, String path, String token, JsonObject body) throws Exception {
        return JarProcess.send(httpPort, method, path, token, body);
    }

    /** Name, value, name, value …: more than Map.of takes. */
    private static Map<String, String> variables(String... namesAndValues) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }
}
