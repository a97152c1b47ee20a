package dev.switchboard.screenpop;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.testing.AgentClient;
import dev.switchboard.testing.BrowserStage;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the agent desk's "this caller is account X" does for the next call: the recorded call
 * comes from +14155550101, a number on no account (the seed's row for Ada is gone, and the caller
 * keys nothing in the IVR), so the pop is an unknown caller. The number is added to Ada (10042)
 * as the desk does it (POST /api/accounts/{id}/phones), or a new account is opened with it
 * (POST /api/accounts); the same call again, with fresh Asterisk ids, pops that account by caller ID.
 */
class LinkedNumberPopsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CALLER = "+14155550101";

    @Test
    void after_the_agent_adds_the_calling_number_to_an_account_the_next_call_from_it_pops_that_account() throws Exception {
        JsonObject second = popsAfter("added", (rig, token) -> rig.client.post(rig.port, "127.0.0.1", "/api/accounts/1/phones")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("number", CALLER).put("kind", "other").put("shared", false)).await());
        assertThat(second.getString("accountNumber")).isEqualTo("10042");
        assertThat(second.getString("name")).isEqualTo("Ada Lovelace");
    }

    @Test
    void after_the_agent_opens_a_new_account_with_the_calling_number_the_next_call_from_it_pops_that_account()
            throws Exception {
        JsonObject second = popsAfter("created", (rig, token) -> rig.client.post(rig.port, "127.0.0.1", "/api/accounts")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("name", "Grace Hopper").put("status", "active")
                        .put("phones", new JsonArray().add(new JsonObject().put("number", CALLER).put("kind", "mobile")))
                        .put("address", new JsonObject().put("line1", "9 Compiler Lane").put("city", "San Francisco")
                                .put("postcode", "94103").put("region", "sf"))).await());
        assertThat(second.getString("name")).isEqualTo("Grace Hopper");
        assertThat(second.getJsonObject("address").getString("line1")).isEqualTo("9 Compiler Lane");
    }

    /** What the agent does while the first call is up, as the desk sends it. */
    private interface DeskAction {
        HttpResponse<Buffer> send(ServiceRig rig, String token);
    }

    /**
     * The recorded call from a number on no account, {@code action} (which must answer 201) while
     * it is up, then the same call again: the second pop's account.
     */
    private static JsonObject popsAfter(String name, DeskAction action) throws Exception {
        Recording recording = withoutIvrAccount(Recording.read(Recordings.file("answered")));
        Calls calls = new Calls(recording);
        try (ServiceRig rig = new ServiceRig("pop_" + name, recording.banner(), vertx -> () -> calls.session(vertx),
                Map.of(), false)) {
            Sql sql = Sql.on(rig.database);
            BrowserStage.seedCallCentre(sql);
            sql.execute("DELETE FROM account_phones WHERE e164 = '" + CALLER + "'");
            rig.start();
            String token = rig.login("alice", BrowserStage.PASSWORD).bodyAsJsonObject().getString("token");
            try (AgentClient alice = new AgentClient(rig, token)) {
                calls.play(1);
                JsonObject first = alice.await(m -> pop(m, "ringing"), WAIT).getJsonObject("pop");
                assertThat(first.getString("callerE164")).isEqualTo(CALLER);
                assertThat(first.getJsonObject("account")).as("the first call is from a number on no account").isNull();
                assertThat(first.getString("resolvedBy")).isEqualTo("none");

                HttpResponse<Buffer> done = action.send(rig, token);
                assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(201);
                alice.await(m -> m.getString("type").equals("ended"), Duration.ofSeconds(40));

                calls.play(2);
                JsonObject second = alice.await(m -> pop(m, "ringing") && !m.getJsonObject("pop").getString("popId")
                        .equals(first.getString("popId")), WAIT).getJsonObject("pop");
                assertThat(second.getString("callerE164")).isEqualTo(CALLER);
                assertThat(second.getString("resolvedBy")).as("the second call is found by its caller ID").isEqualTo("caller-id");
                return second.getJsonObject("account");
            }
        }
    }

    private static boolean pop(JsonObject message, String state) {
        return message.getString("type").equals("pop") && message.getString("state").equals(state);
    }

    /** The recording as if the caller keyed no account in the IVR. */
    private static Recording withoutIvrAccount(Recording recording) {
        List<Recording.Timed> stream = recording.stream().stream()
                .filter(t -> !(t.message().getOrEmpty("Variable").endsWith("CC_ACCOUNT")
                        || t.message().getOrEmpty("UserEvent").equals("IvrAccount")))
                .toList();
        return new Recording(recording.banner(), recording.snapshots(), stream);
    }

    /** Asterisk's ids (uniqueids, linkedids, channel names) made new for the {@code round}th replay. */
    static Recording again(Recording recording, int round) {
        if (round == 1) {
            return recording;
        }
        List<Recording.Timed> stream = recording.stream().stream()
                .map(t -> new Recording.Timed(t.ms(), renamed(t.message(), round))).toList();
        return new Recording(recording.banner(), recording.snapshots(), stream);
    }

    private static final Pattern UNIQUE_ID = Pattern.compile("\\b(\\d{10})\\.(\\d+)\\b");
    private static final Pattern CHANNEL_SUFFIX = Pattern.compile("-([0-9a-f]{8})\\b");

    private static AmiMessage renamed(AmiMessage message, int round) {
        List<AmiMessage.Field> fields = message.fields().stream()
                .map(f -> new AmiMessage.Field(f.key(), renamed(f.value(), round))).toList();
        return new AmiMessage(fields);
    }

    private static String renamed(String value, int round) {
        if (value == null) {
            return null;
        }
        Matcher id = UNIQUE_ID.matcher(value);
        String fresh = id.replaceAll(m -> (Long.parseLong(m.group(1)) + 1000L * round) + "." + m.group(2));
        Matcher channel = CHANNEL_SUFFIX.matcher(fresh);
        return channel.replaceAll(m -> "-" + String.format("%08x", Long.parseLong(m.group(1), 16) + 0x100L * round));
    }

    /**
     * The simulated Asterisk: the recording's lists from the start, its live events only when
     * {@link #play} says, as often as told, on the AMI session the service holds.
     */
    private static final class Calls {
        private final Recording recording;
        private volatile Session current;

        Calls(Recording recording) {
            this.recording = recording;
        }

        EventFeed session(Vertx vertx) {
            Session session = new Session(vertx);
            current = session;
            return session;
        }

        void play(int round) {
            assertThat(current).as("the service's AMI session").isNotNull();
            current.play(again(recording, round));
        }

        private final class Session implements EventFeed {
            private final Vertx vertx;
            private final List<ReplayFeed> playing = new CopyOnWriteArrayList<>();
            private Consumer<AmiMessage> out;
            private Connection connection;

            Session(Vertx vertx) {
                this.vertx = vertx;
            }

            @Override
            public void start(Consumer<AmiMessage> out, Runnable finished) {
                start(out, finished, null);
            }

            @Override
            public synchronized void start(Consumer<AmiMessage> out, Runnable finished, Connection connection) {
                this.out = out;
                this.connection = connection;
            }

            synchronized void play(Recording call) {
                assertThat(out).as("the service is logged in to the simulated Asterisk").isNotNull();
                ReplayFeed replay = new ReplayFeed(vertx, call, 2);
                playing.add(replay);
                Consumer<AmiMessage> to = out;
                Runnable start = () -> replay.start(to, () -> { });
                if (connection != null) {
                    connection.later(start);
                } else {
                    vertx.runOnContext(v -> start.run());
                }
            }

            @Override
            public void stop() {
                playing.forEach(ReplayFeed::stop);
            }

            @Override
            public List<AmiMessage> snapshot(String action) {
                return recording.snapshot(action);
            }
        }
    }
}
