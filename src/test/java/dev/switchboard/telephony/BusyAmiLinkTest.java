package dev.switchboard.telephony;

import dev.switchboard.calls.JourneyRecord;
import dev.switchboard.sim.GeneratorFeed;
import dev.switchboard.sim.TappedFeed;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.testing.CallRig;
import dev.switchboard.testing.CallsMade;
import io.vertx.core.Vertx;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Asterisk's answers to the watchdog's Pings come late because they queue behind a stream of
 * events, as in a flood: the link is busy, not dead. It stays up, the late Pings are counted,
 * and every call is stored whole. (A link that goes quiet while its Pong is missing is still
 * replaced: {@link AmiFaultsTest}.)
 */
class BusyAmiLinkTest {

    /** Longer than the watchdog waits for a Pong (4 s). */
    private static final Duration PONG_DELAY = Duration.ofSeconds(6);
    private static final int CALLS = 100;

    private final Vertx vertx = Vertx.vertx();
    private final CallsMade made = new CallsMade();
    private final AtomicLong eventsSent = new AtomicLong();

    /** Five short calls a second: dozens of events in every 4 s a Ping waits. */
    private static TrafficProfile busyCalls() {
        return new TrafficProfile(List.of(new TrafficProfile.QueueSpec("support", 20, 1, 0, null)), 30, 5,
                new int[]{1, 1}, 0.5, 0, new int[]{60, 60}, new int[]{1, 1}, 0, new int[]{1, 3}, 1, 0,
                new int[]{1, 1}, 100, 23);
    }

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void pongs_late_behind_a_stream_of_events_leave_the_link_up_and_every_call_is_stored_whole() throws Exception {
        ListAppender<ILoggingEvent> asteriskJavaLog = new ListAppender<>();
        asteriskJavaLog.start();
        Logger connectionLog = (Logger) LoggerFactory.getLogger("org.asteriskjava.manager.internal.ManagerConnectionImpl");
        connectionLog.addAppender(asteriskJavaLog);
        long lateBefore = AsteriskJavaDiagnostics.install().lateResponses();
        try (CallRig rig = CallRig.start(vertx, "Asterisk Call Manager/9.0.0", () -> made.watch(
                new TappedFeed(new GeneratorFeed(vertx, busyCalls(), CALLS), message -> eventsSent.incrementAndGet())),
                "busy_link")) {
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            assertThat(rig.simulator.delayPongs(PONG_DELAY)).isEqualTo(1);

            await("two Pongs late, or the link given up").atMost(Duration.ofSeconds(25))
                    .until(() -> rig.count("switchboard.ami.pings.late") >= 2 || rig.linkEvents.size() > 2);
            assertThat(rig.linkEvents).as("link changes and resynchronisations: only the first login's")
                    .hasSize(2);
            rig.simulator.delayPongs(Duration.ZERO);

            rig.awaitFeedStored(Duration.ofSeconds(60));
            assertThat(rig.linkEvents).hasSize(2);
            assertThat(rig.count("switchboard.ami.reconnects")).isZero();
            assertThat(rig.linkProblems()).isEmpty();
            assertThat(rig.functionCount("switchboard.ami.events.dropped")).isZero();
            assertThat(rig.count("switchboard.ami.events.received")).isGreaterThanOrEqualTo(eventsSent.get());
            assertEveryCallStoredOnceAndEnded(rig);
            assertThat(AsteriskJavaDiagnostics.install().lateResponses() - lateBefore).as("late Pongs seen")
                    .isGreaterThanOrEqualTo(2);
            assertThat(asteriskJavaLog.list).as("a late answer is not an error of the service")
                    .noneMatch(event -> event.getLevel() == Level.ERROR);
        } finally {
            connectionLog.detachAppender(asteriskJavaLog);
        }
    }

    private void assertEveryCallStoredOnceAndEnded(CallRig rig) {
        List<JourneyRecord> stored = rig.storedJourneys();
        assertThat(made.linkedids()).hasSize(CALLS);
        assertThat(new TreeSet<>(stored.stream().map(JourneyRecord::linkedid).toList())).isEqualTo(made.linkedids());
        assertThat(stored).hasSize(CALLS).allSatisfy(journey -> assertThat(journey.endedAt()).isNotNull());
    }
}
