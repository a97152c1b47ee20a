package dev.switchboard.telephony;

import dev.switchboard.calls.JourneyRecord;
import dev.switchboard.calls.LegOutcome;
import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.testing.CallRig;
import dev.switchboard.testing.Recordings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage in the AMI stream — unknown events, events missing the fields a call needs, lines
 * that are not AMI, binary bytes, a 1 MB value, events about calls and queues nobody saw — is
 * counted and skipped. The connection stays up and the real call around it is stored intact.
 */
class BadAmiInputTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void bad_input_is_counted_and_the_call_around_it_is_still_followed() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        AsteriskJavaDiagnostics diagnostics = AsteriskJavaDiagnostics.install();
        long unknownBefore = diagnostics.unknownEventTypes();
        long unreadableBefore = diagnostics.unreadableMessages();

        try (CallRig rig = CallRig.start(vertx, answered.banner(), () -> new ReplayFeed(vertx, answered, 4), "bad_input")) {
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));

            rig.simulator.writeRawToClients(Buffer.buffer(String.join("",
                    message("Event: NoSuchEventInAsterisk", "Foo: bar"),
                    message("Event: QueueCallerJoin", "Queue: support", "Position: 1"),
                    message("Event: AgentConnect", "Queue: support", "HoldTime: twelve"),
                    message("this is not AMI at all", "neither is this"),
                    message("Colon: but no Event or Response"),
                    message("Event: VarSet", "Channel: PJSIP/x-1", "Uniqueid: 1.1", "Linkedid: 1.1",
                            "Variable: __CC_ACCOUNT", "Value: 1; DROP TABLE accounts"),
                    message("Event: VarSet", "Channel: PJSIP/x-1", "Uniqueid: 1.1", "Linkedid: 1.1",
                            "Variable: HUGE", "Value: " + "A".repeat(1024 * 1024)),
                    message("Event: QueueCallerAbandon", "Channel: PJSIP/ghost-1", "Uniqueid: 9.1",
                            "Linkedid: 9.0", "Queue: nosuchqueue", "Position: 1", "OriginalPosition: 1",
                            "HoldTime: 3"))));
            rig.simulator.writeRawToClients(Buffer.buffer(randomBytes(4096)).appendString("\r\n\r\n"));

            rig.awaitFeedStored(Duration.ofSeconds(30));

            assertThat(rig.linkEvents).noneMatch(e -> e instanceof TelephonyEvent.LinkChanged c
                    && c.state() == LinkState.DOWN);
            List<JourneyRecord> journeys = rig.storedJourneys();
            JourneyRecord call = journeys.stream().filter(j -> j.linkedid().equals("1795346056.0")).findFirst()
                    .orElseThrow();
            assertThat(call.ivrAccount()).isEqualTo("10042");
            assertThat(call.legs()).singleElement().satisfies(leg -> {
                assertThat(leg.outcome()).isEqualTo(LegOutcome.ANSWERED);
                assertThat(leg.holdSeconds()).isEqualTo(2);
                assertThat(leg.talkSeconds()).isEqualTo(14);
            });
            // the abandon in a queue nobody saw the caller join is kept, not lost
            assertThat(journeys).anySatisfy(j -> {
                assertThat(j.linkedid()).isEqualTo("9.0");
                assertThat(j.legs()).singleElement().satisfies(leg -> {
                    assertThat(leg.queue()).isEqualTo("nosuchqueue");
                    assertThat(leg.outcome()).isEqualTo(LegOutcome.ABANDONED);
                });
            });
            assertThat(journeys).noneMatch(j -> j.linkedid().equals("1.1"));
            assertThat(rig.count("switchboard.ami.events.malformed")).isGreaterThanOrEqualTo(1);
            assertThat(rig.functionCount("switchboard.calls.events.unmatched")).isGreaterThanOrEqualTo(1);
            assertThat(rig.functionCount("switchboard.calls.ivr.accounts.rejected")).isEqualTo(1);
            assertThat(diagnostics.unknownEventTypes()).isGreaterThan(unknownBefore);
            assertThat(diagnostics.unreadableMessages()).isGreaterThan(unreadableBefore);
        }
    }

    private static String message(String... lines) {
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
