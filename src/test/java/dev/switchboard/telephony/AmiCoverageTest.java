package dev.switchboard.telephony;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What Switchboard heard of each Asterisk's time, and where the gaps are that queue_log must fill. */
class AmiCoverageTest {

    private static final String PBX = "switchboard@pbx:5038";
    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    private final AmiCoverage coverage = new AmiCoverage(Duration.ofSeconds(2));

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private void event(int seconds) {
        coverage.heard(new TelephonyEvent.QueueJoined(PBX, at(seconds), "1.1", "1.1", "support", 1, "555", "A"));
    }

    private void link(LinkState state, Instant switchboardClock) {
        coverage.heard(new TelephonyEvent.LinkChanged(PBX, switchboardClock, state, "test"));
    }

    private void resynchronised(Instant switchboardClock) {
        coverage.heard(new TelephonyEvent.Resynchronised(PBX, switchboardClock, List.of(), List.of(), List.of(),
                List.of()));
    }

    @Test
    void before_the_first_event_after_a_start_nothing_is_heard() {
        assertThat(coverage.covered(PBX, at(0), at(1))).isFalse();
        resynchronised(at(0));
        link(LinkState.UP, at(0));
        assertThat(coverage.covered(PBX, at(0), at(1))).as("up, but nothing heard yet").isFalse();
        assertThat(coverage.upAndResynchronised(PBX)).isTrue();
    }

    @Test
    void a_quiet_stretch_between_two_events_on_one_connection_is_heard() {
        link(LinkState.UP, at(0));
        event(10);
        event(600);

        assertThat(coverage.covered(PBX, at(100), at(500))).isTrue();
        assertThat(coverage.covered(PBX, at(12), at(598))).isTrue();
        assertThat(coverage.covered(PBX, at(11), at(598))).as("within the margin of the first event").isFalse();
    }

    @Test
    void while_connected_everything_after_the_first_event_is_heard_however_quiet() {
        link(LinkState.UP, at(0));
        event(10);
        event(20);

        assertThat(coverage.covered(PBX, at(15), at(900))).as("up all along since the first event").isTrue();
        link(LinkState.DOWN, at(30));
        assertThat(coverage.covered(PBX, at(15), at(900))).as("the link went down after the last event heard").isFalse();
        assertThat(coverage.covered(PBX, at(12), at(18))).isTrue();
    }

    @Test
    void a_lost_link_leaves_a_gap_from_the_last_event_heard_to_the_first_after_it_came_back() {
        link(LinkState.UP, at(0));
        event(10);
        event(100);
        link(LinkState.DOWN, at(130));
        link(LinkState.CONNECTING, at(140));
        resynchronised(at(150));
        link(LinkState.UP, at(150));
        event(160);
        event(300);

        assertThat(coverage.windows(PBX)).containsExactly(new AmiCoverage.Window(at(10), at(100)),
                new AmiCoverage.Window(at(160), at(300)));
        assertThat(coverage.covered(PBX, at(20), at(90))).isTrue();
        assertThat(coverage.covered(PBX, at(170), at(290))).isTrue();
        assertThat(coverage.covered(PBX, at(90), at(120))).as("after the last event before the loss").isFalse();
        assertThat(coverage.covered(PBX, at(50), at(200))).as("across the gap").isFalse();
    }

    @Test
    void link_changes_resyncs_and_originate_answers_carry_switchboards_clock_and_move_no_window() {
        link(LinkState.UP, at(0));
        event(10);
        coverage.heard(new TelephonyEvent.OriginateResult(PBX, at(5000), "a1", true, 4, "Local/1001@agents"));
        resynchronised(at(6000));
        event(20);

        assertThat(coverage.windows(PBX)).containsExactly(new AmiCoverage.Window(at(10), at(20)));
    }

    @Test
    void up_and_resynchronised_ends_with_the_link() {
        resynchronised(at(0));
        link(LinkState.UP, at(0));
        assertThat(coverage.upAndResynchronised(PBX)).isTrue();
        link(LinkState.DOWN, at(10));
        assertThat(coverage.upAndResynchronised(PBX)).isFalse();
        link(LinkState.UP, at(20));
        assertThat(coverage.upAndResynchronised(PBX)).as("up again, not yet resynchronised").isFalse();
        assertThat(coverage.upAndResynchronised("another@pbx2:5038")).isFalse();
    }

    @Test
    void windows_older_than_a_day_are_forgotten() {
        link(LinkState.UP, at(0));
        event(10);
        link(LinkState.DOWN, at(20));
        event(30);
        event((int) AmiCoverage.KEPT.toSeconds() + 60);

        assertThat(coverage.windows(PBX)).hasSize(1);
        assertThat(coverage.covered(PBX, at(11), at(12))).isFalse();
    }
}
