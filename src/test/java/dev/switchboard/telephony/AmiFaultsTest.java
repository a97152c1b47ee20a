package dev.switchboard.telephony;

import dev.switchboard.calls.JourneyRecord;
import dev.switchboard.sim.GeneratorFeed;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.testing.CallRig;
import dev.switchboard.testing.CallsMade;
import dev.switchboard.testing.Sql;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asterisk fails under a stream of calls — it restarts, its connection goes half-open, or its
 * bytes slow to a trickle — and Switchboard reconnects within 10 s, resynchronises, and has
 * stored every call the simulated Asterisk made exactly once. Each connection hears a call
 * centre of its own: a fault ends the calls of the connection it hits, as a restart would.
 */
class AmiFaultsTest {

    private static final int CALLS_PER_CONNECTION = 6;
    private static final Duration RECONNECT_LIMIT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final CallsMade made = new CallsMade();

    /** Two calls a second, each a few seconds long: several in progress whenever a fault strikes. */
    private static TrafficProfile shortCalls() {
        return new TrafficProfile(List.of(new TrafficProfile.QueueSpec("support", 20, 1, 0, null)), 10, 2,
                new int[]{1, 1}, 0.5, 0, new int[]{60, 60}, new int[]{1, 1}, 0, new int[]{2, 4}, 1, 0,
                new int[]{1, 1}, 100, 11);
    }

    private CallRig rig(String name) {
        return CallRig.start(vertx, "Asterisk Call Manager/9.0.0",
                () -> made.watch(new GeneratorFeed(vertx, shortCalls(), CALLS_PER_CONNECTION)), name);
    }

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void asterisk_restarting_mid_call_is_reconnected_to_once_it_is_back_and_no_call_is_lost_or_doubled()
            throws Exception {
        try (CallRig rig = rig("fault_restart")) {
            awaitCallsInProgress(rig);

            rig.simulator.restart(Duration.ofSeconds(3)).await();
            long backAt = System.nanoTime();

            rig.awaitLink(LinkState.DOWN, RECONNECT_LIMIT);
            rig.awaitLink(LinkState.UP, RECONNECT_LIMIT);
            assertThat(Duration.ofNanos(System.nanoTime() - backAt)).isLessThanOrEqualTo(RECONNECT_LIMIT);
            assertEveryCallStoredOnce(rig);
        }
    }

    @Test
    void a_half_open_connection_is_replaced_within_ten_seconds_and_no_call_is_lost_or_doubled() throws Exception {
        try (CallRig rig = rig("fault_half_open")) {
            awaitCallsInProgress(rig);

            long faultAt = System.nanoTime();
            assertThat(rig.simulator.silenceClients()).isEqualTo(1);

            rig.awaitLink(LinkState.DOWN, RECONNECT_LIMIT);
            rig.awaitLink(LinkState.UP, RECONNECT_LIMIT);
            assertThat(Duration.ofNanos(System.nanoTime() - faultAt)).isLessThanOrEqualTo(RECONNECT_LIMIT);
            assertEveryCallStoredOnce(rig);
        }
    }

    @Test
    void a_connection_slowed_to_a_trickle_is_replaced_within_ten_seconds_and_no_call_is_lost_or_doubled()
            throws Exception {
        try (CallRig rig = rig("fault_trickle")) {
            awaitCallsInProgress(rig);

            long faultAt = System.nanoTime();
            assertThat(rig.simulator.trickleToClients(20)).isEqualTo(1);

            TelephonyEvent.LinkChanged down = rig.awaitLink(LinkState.DOWN, RECONNECT_LIMIT);
            assertThat(down.detail()).contains("Ping");
            rig.awaitLink(LinkState.UP, RECONNECT_LIMIT);
            assertThat(Duration.ofNanos(System.nanoTime() - faultAt)).isLessThanOrEqualTo(RECONNECT_LIMIT);
            assertEveryCallStoredOnce(rig);
        }
    }

    /** At least two calls stored and at least one of them not over yet. */
    private static void awaitCallsInProgress(CallRig rig) throws Exception {
        rig.awaitLink(LinkState.UP, RECONNECT_LIMIT);
        rig.awaitStored(journeys -> journeys.size() >= 2
                && journeys.values().stream().anyMatch(j -> j.endedAt() == null), Duration.ofSeconds(20));
    }

    /**
     * After the reconnect the link was resynchronised, the new connection's calls all ran to the
     * end, and the database holds one journey for every call made on either connection.
     */
    private void assertEveryCallStoredOnce(CallRig rig) throws Exception {
        rig.awaitFeedStored(Duration.ofSeconds(30));
        assertThat(rig.linkEvents.stream().filter(e -> e instanceof TelephonyEvent.Resynchronised)).hasSize(2);

        List<JourneyRecord> stored = rig.storedJourneys();
        assertThat(new TreeSet<>(stored.stream().map(JourneyRecord::linkedid).toList()))
                .isEqualTo(made.linkedids());
        assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_journeys")).isEqualTo(made.linkedids().size());
        assertThat(made.linkedids().size()).isGreaterThan(CALLS_PER_CONNECTION);
        Map<Boolean, Long> ended = rig.storedJourneys().stream().collect(java.util.stream.Collectors
                .partitioningBy(j -> j.endedAt() != null, java.util.stream.Collectors.counting()));
        assertThat(ended.get(true)).isGreaterThanOrEqualTo(CALLS_PER_CONNECTION);
    }
}
