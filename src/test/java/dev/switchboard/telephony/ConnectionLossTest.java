package dev.switchboard.telephony;

import dev.switchboard.calls.FactSource;
import dev.switchboard.calls.JourneyRecord;
import dev.switchboard.calls.LegOutcome;
import dev.switchboard.calls.LegRecord;
import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.testing.AmiSnapshots;
import dev.switchboard.testing.CallRig;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.Sql;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMI connection is lost in the middle of a call — closed, or silently dead — and comes
 * back: the call is stored exactly once, complete.
 */
class ConnectionLossTest {

    private final Vertx vertx = Vertx.vertx();
    private Recording answered;

    @BeforeEach
    void readTheAnsweredCall() throws Exception {
        answered = Recording.read(Recordings.file("answered"));
    }

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void a_connection_closed_mid_call_is_reestablished_and_the_call_is_stored_once() throws Exception {
        try (CallRig rig = CallRig.start(vertx, answered.banner(), () -> new ReplayFeed(vertx, answered, 4), "drop")) {
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            rig.awaitStored(ConnectionLossTest::someoneIsWaiting, Duration.ofSeconds(20));

            assertThat(rig.simulator.dropClients()).isEqualTo(1);

            rig.awaitLink(LinkState.DOWN, Duration.ofSeconds(10));
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            rig.awaitFeedStored(Duration.ofSeconds(30));
            assertTheAnsweredCallIsStoredOnce(rig);
            assertThat(rig.count("switchboard.ami.reconnects")).isEqualTo(1);
            assertThat(rig.linkEvents.stream().filter(e -> e instanceof TelephonyEvent.Resynchronised)).hasSize(2);
        }
    }

    @Test
    void a_silent_connection_is_noticed_within_ten_seconds_and_replaced() throws Exception {
        try (CallRig rig = CallRig.start(vertx, answered.banner(), () -> new ReplayFeed(vertx, answered, 4), "silent")) {
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            rig.awaitStored(ConnectionLossTest::someoneIsWaiting, Duration.ofSeconds(20));

            long silencedAt = System.nanoTime();
            assertThat(rig.simulator.silenceClients()).isEqualTo(1);

            TelephonyEvent.LinkChanged down = rig.awaitLink(LinkState.DOWN, Duration.ofSeconds(15));
            Duration noticedAfter = Duration.ofNanos(System.nanoTime() - silencedAt);
            assertThat(noticedAfter).isLessThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(down.detail()).contains("Ping");
            assertThat(rig.linkProblems()).contains(rig.server()).contains("Ping");

            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            rig.awaitFeedStored(Duration.ofSeconds(30));
            assertTheAnsweredCallIsStoredOnce(rig);
            assertThat(rig.linkProblems()).isEmpty();
        }
    }

    @Test
    void a_caller_who_joined_the_queue_while_the_link_was_down_is_picked_up_by_the_resync() throws Exception {
        List<AmiMessage> stream = answered.stream().stream().map(Recording.Timed::message).toList();
        int join = indexOf(stream, "QueueCallerJoin");
        AmiMessage joinEvent = stream.get(join);
        EventFeed beforeTheJoin = ScriptedFeed.onLogin(answered.snapshots(), stream.subList(0, join));
        EventFeed afterTheJoin = ScriptedFeed.afterQueueStatus(vertx, Map.of(
                "QueueStatus", AmiSnapshots.withEntry(answered.snapshot("QueueStatus"), joinEvent),
                "CoreShowChannels", AmiSnapshots.channelsOf(stream.subList(0, join))),
                stream.subList(join + 1, stream.size()));
        Iterator<EventFeed> sessions = List.of(beforeTheJoin, afterTheJoin).iterator();
        Supplier<EventFeed> feeds = sessions::next;

        try (CallRig rig = CallRig.start(vertx, answered.banner(), feeds, "resync")) {
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            rig.awaitStored(journeys -> journeys.values().stream().anyMatch(j -> j.ivrAccount() != null),
                    Duration.ofSeconds(10));
            rig.simulator.dropClients();
            rig.awaitLink(LinkState.DOWN, Duration.ofSeconds(10));
            Instant resyncedBefore = Instant.now().plusSeconds(10);
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            rig.awaitStored(journeys -> journeys.values().stream().flatMap(j -> j.legs().stream())
                    .anyMatch(l -> l.talkSeconds() != null), Duration.ofSeconds(10));
            rig.settle();

            assertTheAnsweredCallIsStoredOnce(rig);
            LegRecord leg = rig.storedJourneys().get(0).legs().get(0);
            assertThat(leg.position()).isEqualTo(1);
            assertThat(leg.joinedAt()).isBefore(resyncedBefore);
            assertThat(leg.joinedSource()).as("estimated from the wait QueueStatus reported").isEqualTo(FactSource.RESYNC);
        }
    }

    private static boolean someoneIsWaiting(Map<String, JourneyRecord> journeys) {
        return journeys.values().stream().flatMap(j -> j.legs().stream()).anyMatch(l -> l.outcome() == null);
    }

    private static void assertTheAnsweredCallIsStoredOnce(CallRig rig) throws Exception {
        List<JourneyRecord> journeys = rig.storedJourneys();
        assertThat(journeys).hasSize(1);
        JourneyRecord call = journeys.get(0);
        assertThat(call.callerNumber()).isEqualTo("+14155550101");
        assertThat(call.ivrAccount()).isEqualTo("10042");
        assertThat(call.endedAt()).isNotNull();
        assertThat(call.legs()).hasSize(1);
        LegRecord leg = call.legs().get(0);
        assertThat(leg.queue()).isEqualTo("support");
        assertThat(leg.outcome()).isEqualTo(LegOutcome.ANSWERED);
        assertThat(leg.holdSeconds()).isEqualTo(2);
        assertThat(leg.talkSeconds()).isEqualTo(14);
        assertThat(leg.agentName()).isEqualTo("Alice");
        assertThat(leg.completedBy()).isEqualTo("agent");
        Sql sql = Sql.on(rig.database);
        assertThat(sql.count("SELECT COUNT(*) FROM call_journeys")).isEqualTo(1);
        assertThat(sql.count("SELECT COUNT(*) FROM call_legs")).isEqualTo(1);
    }

    private static int indexOf(List<AmiMessage> stream, String event) {
        for (int i = 0; i < stream.size(); i++) {
            if (stream.get(i).getOrEmpty("Event").equals(event)) {
                return i;
            }
        }
        throw new AssertionError(event + " not in the recording");
    }
}
