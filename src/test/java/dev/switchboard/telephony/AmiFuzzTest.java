package dev.switchboard.telephony;

import dev.switchboard.calls.JourneyRecord;
import dev.switchboard.calls.LegOutcome;
import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.testing.CallRig;
import dev.switchboard.testing.Recordings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real recordings, mutated at random (seeded, so a failure can be replayed): messages cut
 * short, fields dropped (Linkedid above all), values swapped for 64 KiB of junk, binary bytes
 * spliced in, event names scrambled, messages repeated. Thousands of them between the events of a
 * real call: Switchboard neither crashes nor stalls. Asterisk-Java's reader gives up on some of
 * this garbage and closes the connection; the link is then back within seconds each time, no
 * listener fails on what gets through, and the real call is stored exactly as it happened.
 */
class AmiFuzzTest {

    private static final List<String> SOURCES = List.of("mixed-60", "abandon", "overflow", "no-account",
            "ring-no-answer");

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void mutated_recordings_between_a_real_call_neither_crash_nor_stall_the_link() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        long seed = Long.getLong("fuzz.seed", 20261129L); // -Dfuzz.seed=N tries another
        Random random = new Random(seed);
        long malformedBefore = 0;

        try (CallRig rig = CallRig.start(vertx, answered.banner(), () -> new ReplayFeed(vertx, answered, 2), "fuzz")) {
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            int sent = 0;
            for (String source : SOURCES) {
                awaitUp(rig); // each recording goes to a connection that is up, also after the library gave up on one
                for (Recording.Timed timed : Recording.read(Recordings.file(source)).stream()) {
                    rig.simulator.writeRawToClients(mutated(timed.message(), random));
                    sent++;
                }
                readOrGivenUp(rig);
            }
            assertThat(sent).as("mutated messages sent").isGreaterThan(1000);

            rig.awaitFeedStored(Duration.ofSeconds(60));

            assertLinkNeverStayedDown(rig, seed);
            assertThat(rig.count("switchboard.telephony.listener.failures")).as("listeners that threw").isZero();
            JourneyRecord call = rig.storedJourneys().stream().filter(j -> j.linkedid().equals("1795346056.0"))
                    .findFirst().orElseThrow();
            assertThat(call.ivrAccount()).isEqualTo("10042");
            assertThat(call.endedAt()).isNotNull();
            assertThat(call.legs()).singleElement().satisfies(leg -> {
                assertThat(leg.outcome()).isEqualTo(LegOutcome.ANSWERED);
                assertThat(leg.holdSeconds()).isEqualTo(2);
                assertThat(leg.talkSeconds()).isEqualTo(14);
                assertThat(leg.agentName()).isEqualTo("Alice");
            });
            assertThat(rig.count("switchboard.ami.events.malformed")).isGreaterThan(malformedBefore);
        }
    }

    /**
     * Waits for the burst to be read (a Ping sent after it is answered) or for the library to give
     * up on the connection (the Ping fails: the link is not up, or no answer within its timeout).
     */
    private static void readOrGivenUp(CallRig rig) {
        try {
            rig.settle();
        } catch (Exception givenUp) { // Future.await rethrows the library's checked TimeoutException as is
            // the connection was dropped, or is being: awaitUp waits for the next one
        }
    }

    private static void awaitUp(CallRig rig) {
        await("the link is up again within 10 s").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> rig.linkProblems().isEmpty());
    }

    /** Every time the link went down it was up again within 10 s, and it is up now. */
    private static void assertLinkNeverStayedDown(CallRig rig, long seed) {
        List<TelephonyEvent.LinkChanged> changes = rig.linkEvents.stream()
                .filter(e -> e instanceof TelephonyEvent.LinkChanged).map(e -> (TelephonyEvent.LinkChanged) e).toList();
        assertThat(changes.get(changes.size() - 1).state()).as("seed " + seed).isEqualTo(LinkState.UP);
        for (int i = 0; i + 1 < changes.size(); i++) {
            if (changes.get(i).state() == LinkState.DOWN) {
                assertThat(Duration.between(changes.get(i).at(), changes.get(i + 1).at()))
                        .as("seed " + seed + ": down at " + changes.get(i).at()).isLessThanOrEqualTo(Duration.ofSeconds(10));
            }
        }
    }

    /** One message, perhaps damaged, always ending with the blank line that closes an AMI message. */
    private static Buffer mutated(AmiMessage message, Random random) {
        StringBuilder text = new StringBuilder();
        for (AmiMessage.Field field : message.fields()) {
            String key = field.key();
            String value = field.value();
            double dice = random.nextDouble();
            if (key.equals("Linkedid") && dice < 0.3) {
                continue; // the field a call is followed by, missing
            }
            if (dice < 0.03) {
                value = "x".repeat(64 * 1024);
            } else if (dice < 0.06) {
                value = new String(binary(random, 40), StandardCharsets.ISO_8859_1);
            } else if (dice < 0.08 && key.equals("Event")) {
                value = value.substring(0, Math.max(1, value.length() / 2)) + "Zz";
            } else if (dice < 0.10) {
                continue;
            }
            text.append(key).append(": ").append(value).append("\r\n");
        }
        if (random.nextDouble() < 0.1) {
            text.setLength(random.nextInt(text.length() + 1)); // cut short
        }
        String one = text + "\r\n";
        return Buffer.buffer(random.nextDouble() < 0.05 ? one + one : one);
    }

    private static byte[] binary(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        for (int i = 0; i < size; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                bytes[i] = 0; // binary inside a value, not a line break: the message ends where it says
            }
        }
        return bytes;
    }
}
