package dev.switchboard.sim;

import dev.switchboard.calls.JourneyRecord;
import dev.switchboard.calls.LegRecord;
import dev.switchboard.testing.CallRig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's calls, sent over TCP through the real Asterisk-Java connection into the
 * service, come out as the same journeys the generator says it made: same callers, accounts,
 * queues, outcomes (answers, abandons, timeouts with overflow), hold times and agents.
 */
class GeneratedTrafficTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    /** A busy, impatient call centre, so that forty calls show every outcome in seconds. */
    private static TrafficProfile hectic() {
        return new TrafficProfile(List.of(
                new TrafficProfile.QueueSpec("support", 20, 0.6, 0, null),
                new TrafficProfile.QueueSpec("billing", 30, 0.4, 3, "support")),
                3, 6, new int[]{0, 1}, 0.6, 0.15, new int[]{1, 8}, new int[]{1, 2}, 0.25, new int[]{1, 3}, 0,
                0.2, new int[]{1, 2}, 300, 7);
    }

    @Test
    void the_service_stores_exactly_the_calls_the_generator_made() throws Exception {
        AtomicReference<GeneratorFeed> feed = new AtomicReference<>();
        int calls = 40;
        try (CallRig rig = CallRig.start(vertx, "Asterisk Call Manager/11.0.0", () -> {
            feed.set(new GeneratorFeed(vertx, hectic(), calls));
            return feed.get();
        }, "generated")) {
            rig.awaitFeedStored(Duration.ofSeconds(90));

            List<GeneratedCall> generated = feed.get().finishedCalls();
            Map<String, JourneyRecord> stored = rig.storedJourneys().stream()
                    .collect(Collectors.toMap(JourneyRecord::linkedid, Function.identity()));
            assertThat(generated).hasSize(calls);
            assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(
                    generated.stream().map(GeneratedCall::linkedid).toList());
            assertThat(generated.stream().flatMap(c -> c.legs().stream()).map(GeneratedCall.Leg::outcome))
                    .as("the traffic shows every outcome").contains("answered", "abandoned", "timeout");

            for (GeneratedCall call : generated) {
                JourneyRecord journey = stored.get(call.linkedid());
                assertThat(journey.callerNumber()).isEqualTo(call.callerNumber());
                assertThat(journey.ivrAccount()).isEqualTo(call.account());
                assertThat(journey.endedAt()).isNotNull();
                assertThat(journey.legs()).hasSameSizeAs(call.legs());
                for (int i = 0; i < call.legs().size(); i++) {
                    GeneratedCall.Leg expected = call.legs().get(i);
                    LegRecord actual = journey.legs().get(i);
                    assertThat(actual.queue()).isEqualTo(expected.queue());
                    assertThat(actual.outcome().code()).isEqualTo(expected.outcome());
                    assertThat(actual.holdSeconds()).isEqualTo(expected.holdSeconds());
                    assertThat(actual.agentName()).isEqualTo(expected.agent());
                }
            }
        }
    }
}
