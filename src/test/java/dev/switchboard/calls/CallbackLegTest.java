package dev.switchboard.calls;

import dev.switchboard.telephony.TelephonyEvent.ChannelCreated;
import dev.switchboard.telephony.TelephonyEvent.QueueJoined;
import dev.switchboard.telephony.TelephonyEvent.QueueLeft;
import dev.switchboard.telephony.TelephonyEvent.VariableSet;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller who presses for a callback leaves the queue without abandoning it. */
class CallbackLegTest {

    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void the_leg_left_for_a_callback_ends_as_a_callback_with_its_wait() {
        JourneyTracker tracker = new JourneyTracker(Clock.fixed(T0, ZoneOffset.UTC));
        tracker.apply(new ChannelCreated("pbx", T0, "1.1", "1.1", "PJSIP/trunk-1", "+14155550101", "Ada"));
        tracker.apply(new QueueJoined("pbx", T0.plusSeconds(10), "1.1", "1.1", "support", 1, "+14155550101", "Ada"));
        tracker.apply(new QueueLeft("pbx", T0.plusSeconds(55), "1.1", "1.1", "support", 1));
        // a callback for another queue says nothing about this leg
        tracker.apply(new VariableSet("pbx", T0.plusSeconds(56), "1.1", "1.1", "CC_CALLBACK", "billing"));
        var changed = tracker.apply(new VariableSet("pbx", T0.plusSeconds(56), "1.1", "1.1", "CC_CALLBACK", "support"));

        LegRecord leg = tracker.record(changed.iterator().next()).orElseThrow().legs().get(0);
        assertThat(leg.outcome()).isEqualTo(LegOutcome.CALLBACK);
        assertThat(leg.holdSeconds()).isEqualTo(46);
    }
}
