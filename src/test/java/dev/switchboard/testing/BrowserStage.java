package dev.switchboard.testing;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.FeedGate;
import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser test plays against: the whole service with a small call centre seeded
 * ({@link #seedCallCentre}), a simulated Asterisk that replays the recorded answered call (it
 * rings Alice's phone) when the script posts {@code CONTROL_URL/call}, and that control server
 * ({@code GET /sent}: when each event type first left the simulator; {@code GET /actions}: the
 * AMI actions Switchboard sent). {@link #play} runs a script from {@code src/test/browser} with
 * BASE_URL, CONTROL_URL, PASSWORD and ADMIN_PASSWORD set and fails the test if it fails.
 */
public final class BrowserStage implements AutoCloseable {

    /** The password of every seeded user but admin. */
    public static final String PASSWORD = "browser-password";

    public final ServiceRig rig;
    private final FeedGate call;
    private final HttpServer control;

    /** Seeds more than the call centre before the service starts; may be a no-op. */
    public interface Seed {
        void into(Sql sql) throws Exception;
    }

    /**
     * @param name     the test database's prefix
     * @param settings more SWITCHBOARD_* settings (support's target is 1 s unless set here)
     * @param more     seeded after {@link #seedCallCentre}
     */
    public BrowserStage(String name, Map<String, String> settings, Seed more) throws Exception {
        this(name, settings, more, UnaryOperator.identity());
    }

    /**
     * @param asterisk changes what the simulated Asterisk plays: more queues and agents in its
     *                 QueueStatus answer, say, or a caller who waits longer
     */
    public BrowserStage(String name, Map<String, String> settings, Seed more, UnaryOperator<Recording> asterisk)
            throws Exception {
        assertThat(BrowserScript.missing()).as("what the browser test needs").isEmpty();
        Recording answered = asterisk.apply(Recording.read(Recordings.file("answered")));
        FeedGate[] gate = new FeedGate[1];
        Map<String, String> all = new HashMap<>(Map.of("SWITCHBOARD_QUEUE_TARGETS", "support=1"));
        all.putAll(settings);
        rig = new ServiceRig(name, answered.banner(), vertx -> {
            gate[0] = new FeedGate(() -> new ReplayFeed(vertx, answered, 1));
            return gate[0]::feed;
        }, all, false);
        call = gate[0];
        seedCallCentre(sql());
        more.into(sql());
        rig.start();
        control = rig.vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/call")) {
                call.open();
                request.response().setStatusCode(204).end();
            } else if (request.path().equals("/sent")) {
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject(new HashMap<>(call.firstSent())).encode());
            } else if (request.path().equals("/actions")) {
                JsonArray actions = new JsonArray();
                rig.asterisk.actions().forEach(action -> actions.add(json(action)));
                request.response().putHeader("Content-Type", "application/json").end(actions.encode());
            } else {
                request.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").await();
    }

    public Sql sql() {
        return Sql.on(rig.database);
    }

    /** Runs the script and fails the test, with everything it printed, unless it passes. */
    public void play(String script, long timeoutSeconds) throws Exception {
        BrowserScript.Result result = BrowserScript.run(script, Map.of(
                "BASE_URL", "http://127.0.0.1:" + rig.port,
                "CONTROL_URL", "http://127.0.0.1:" + control.actualPort(),
                "PASSWORD", PASSWORD,
                "ADMIN_PASSWORD", ServiceRig.ADMIN_PASSWORD), timeoutSeconds);
        System.out.println(result.output());
        assertThat(result.exitCode()).as(script + "'s exit code; its output:\n" + result.output()).isZero();
    }

    @Override
    public void close() {
        control.close().await();
        rig.close();
    }

    /** An action as JSON, its keys in lower case (Asterisk-Java writes some that way, Asterisk ignores case). */
    private static JsonObject json(AmiMessage message) {
        JsonObject out = new JsonObject();
        message.fields().forEach(field -> out.put(field.key().toLowerCase(Locale.ROOT), field.value()));
        return out;
    }

    /**
     * Ada (10042) in region 1 (sf) with an open case; Charles (10043) with a scheduled visit;
     * Grace works every day 08:00–18:00 there and has a visit today; agents Alice (Local/1001,
     * the phone the recording rings) and Carol (Local/1003); supervisor Sue; dispatcher Dan. Two
     * earlier calls today to support, one answered at once and one abandoned.
     */
    public static void seedCallCentre(Sql sql) throws Exception {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        LocalDateTime today = LocalDate.now(ZoneOffset.UTC).atStartOfDay();
        LocalDateTime earlier = now.minusMinutes(20).isBefore(today) ? today.plusSeconds(1) : now.minusMinutes(20);
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'sf', 'San Francisco')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace'), (2, '10043', 'Charles Babbage')");
        sql.execute("INSERT INTO account_phones (account_id, e164) VALUES (1, '+14155550101'), (2, '+14155550102')");
        sql.execute("INSERT INTO service_addresses (id, account_id, line1, city, postcode, region_id, is_primary) VALUES "
                + "(1, 1, '12 Analytical Way', 'San Francisco', '94105', 1, TRUE), "
                + "(2, 2, '3 Difference Row', 'San Francisco', '94107', 1, TRUE)");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Grace Engineer', 1)");
        sql.execute("INSERT INTO engineer_regions (engineer_id, region_id) VALUES (1, 1)");
        for (int day = 1; day <= 7; day++) {
            sql.execute("INSERT INTO engineer_working_hours (engineer_id, weekday, starts_at, ends_at) VALUES (1, "
                    + day + ", '08:00', '18:00')");
        }
        sql.execute("INSERT INTO cases (id, account_id, channel, category, status, description, created_at) VALUES "
                + "(1, 1, 'phone', 'heating', 'open', 'Radiator cold in the hall', '" + now.minusDays(2) + "'), "
                + "(2, 2, 'phone', 'plumbing', 'scheduled', 'Leaking tap', '" + now.minusDays(3) + "')");
        sql.execute("INSERT INTO visits (case_id, engineer_id, starts_at, ends_at, customer_advised_at, customer_advised_via) "
                + "VALUES (2, 1, '" + today.plusHours(23) + "', '" + today.plusHours(23).plusMinutes(59)
                + "', '" + now.minusDays(1) + "', 'sms')");
        String hash = new PasswordHasher().hash(PASSWORD);
        sql.execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(101, 'alice', 'Alice', '" + hash + "', 'agent'), (103, 'carol', 'Carol', '" + hash + "', 'agent'), "
                + "(201, 'sue', 'Sue', '" + hash + "', 'supervisor'), (301, 'dan', 'Dan', '" + hash + "', 'dispatcher')");
        sql.execute("INSERT INTO agents (id, user_id, member_name) VALUES (1, 101, 'Alice'), (3, 103, 'Carol')");
        sql.execute("INSERT INTO agent_interfaces (interface, agent_id) VALUES "
                + "('Local/1001@agents/n', 1), ('Local/1003@agents/n', 3)");
        sql.execute("INSERT INTO call_journeys (id, server, linkedid, caller_number, started_at, ended_at) VALUES "
                + "(1, 'earlier', 'earlier.1', '+14155550102', '" + earlier + "', '" + earlier.plusMinutes(3) + "'), "
                + "(2, 'earlier', 'earlier.2', '+14155550199', '" + earlier.plusSeconds(30) + "', '"
                + earlier.plusSeconds(95) + "')");
        sql.execute("INSERT INTO call_legs (journey_id, leg_no, queue_name, joined_at, outcome, left_at, hold_seconds, "
                + "talk_seconds, agent_member_name) VALUES "
                + "(1, 1, 'support', '" + earlier + "', 'answered', '" + earlier + "', 0, 120, 'Carol'), "
                + "(2, 1, 'support', '" + earlier.plusSeconds(30) + "', 'abandoned', '" + earlier.plusSeconds(95)
                + "', 65, NULL, NULL)");
    }
}
