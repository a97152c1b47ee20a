package dev.switchboard.calls;

import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.testing.CallRig;
import dev.switchboard.testing.LegAgreement;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.Recordings;
import io.vertx.core.Vertx;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each real Asterisk recording, replayed over TCP through the real Asterisk-Java connection into
 * the service, gives the same calls as Asterisk's own queue_log of those calls: queues, outcomes,
 * hold and talk times, agents, ring-no-answers. Nothing here knows what any one recording holds.
 * Each is replayed twice: as recorded, and with only what the shipped asterisk-config/manager.conf
 * lets Switchboard's login receive (its classes and eventfilter), which shows the filter keeps
 * every event Switchboard needs.
 */
class RecordedCallsAgreeWithQueueLogTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.switchboard.testing.Recordings#asRecordedAndFiltered")
    void the_stored_journeys_match_asterisks_queue_log(String name, String feed) throws Exception {
        QueueLog queueLog = QueueLog.read(Recordings.directory().resolve(name + ".queue_log"));
        Recording recording = Recordings.read(name, feed);
        Vertx vertx = Vertx.vertx();
        try (CallRig rig = CallRig.start(vertx, recording.banner(), () -> new ReplayFeed(vertx, recording, Recordings.AGREEMENT_REPLAY_SPEED),
                "replay_" + Recordings.replayId(name, feed))) {
            int calls = queueLog.legsByCall().size();
            rig.awaitFeedStored(Duration.ofSeconds(60));

            List<JourneyRecord> stored = rig.storedJourneys().stream().filter(j -> !j.legs().isEmpty()).toList();
            Map<String, List<LegRecord>> legsByCall = stored.stream().flatMap(j -> j.legs().stream())
                    .collect(Collectors.groupingBy(LegRecord::uniqueid, Collectors.toList()));

            assertThat(stored).as("one journey per call").hasSize(calls);
            assertThat(legsByCall.keySet()).as("the same call ids").isEqualTo(queueLog.legsByCall().keySet());
            for (JourneyRecord journey : stored) {
                QueueLog.Leg first = queueLog.legsByCall().get(journey.legs().get(0).uniqueid()).get(0);
                assertThat(journey.callerNumber()).as("caller of %s", journey.linkedid()).isEqualTo(first.callerId);
                assertThat(journey.endedAt()).as("end of %s", journey.linkedid()).isNotNull();
            }
            for (Map.Entry<String, List<QueueLog.Leg>> call : queueLog.legsByCall().entrySet()) {
                List<QueueLog.Leg> expected = call.getValue();
                List<LegRecord> actual = new ArrayList<>(legsByCall.get(call.getKey()));
                assertThat(actual).as("legs of call %s", call.getKey()).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    LegAgreement.assertLegAgrees(call.getKey(), expected.get(i), actual.get(i));
                }
            }
        }
    }
}
