package dev.switchboard.calls;

import dev.switchboard.telephony.TelephonyEvent.AgentAnswered;
import dev.switchboard.telephony.TelephonyEvent.ChannelCreated;
import dev.switchboard.telephony.TelephonyEvent.QueueJoined;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A call stored by an earlier run is followed on from its stored state, not started over. */
class AdoptedJourneyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private static final CallJourneyRef CALL = new CallJourneyRef("pbx", "1.0");

    /** Leg 1 timed out in billing; leg 2 waits in support, where Bob's phone rang unanswered once. */
    private static JourneyRecord storedWaitingInSupport() {
        LegRecord billing = new LegRecord(1, "1.1", "billing", T0.plusSeconds(5), 1, 1, LegOutcome.TIMEOUT,
                T0.plusSeconds(25), 20L, null, null, null, null, 0, null, List.of(), FactSource.AMI, FactSource.AMI);
        RingRecord bob = new RingRecord(1, "Bob", "PJSIP/1002", T0.plusSeconds(26), "no_answer", 15_000L,
                FactSource.AMI);
        LegRecord support = new LegRecord(2, "1.1", "support", T0.plusSeconds(25), 1, 1, null, null, null, null, null,
                null, null, 1, null, List.of(bob), FactSource.AMI, null);
        return new JourneyRecord("pbx", "1.0", "+14155550101", "Ada", "10042", T0, 5L, null, List.of(billing, support),
                FactSource.AMI, null, Set.of("1.0", "1.1"));
    }

    @Test
    void an_answer_after_the_restart_lands_on_the_stored_leg_the_caller_waits_in() {
        JourneyTracker tracker = new JourneyTracker(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        assertThat(tracker.adopt(storedWaitingInSupport())).isTrue();

        tracker.apply(new AgentAnswered("pbx", T0.plusSeconds(70), "1.0", "1.1", "support", "PJSIP/1001", "Alice",
                "2.1", 45, 3));

        JourneyRecord call = tracker.record(CALL).orElseThrow();
        assertThat(call.legs()).hasSize(2);
        assertThat(call.legs().get(0)).isEqualTo(storedWaitingInSupport().legs().get(0));
        LegRecord support = call.legs().get(1);
        assertThat(support.outcome()).isEqualTo(LegOutcome.ANSWERED);
        assertThat(support.agentName()).isEqualTo("Alice");
        assertThat(support.ringNoAnswers()).isEqualTo(1);
        assertThat(support.rings()).extracting(RingRecord::agentName).containsExactly("Bob", "Alice");
        assertThat(call.ivrAccount()).isEqualTo("10042");
        assertThat(tracker.unmatched()).isZero();
    }

    @Test
    void an_adopted_call_reads_back_exactly_as_it_was_stored() {
        JourneyTracker tracker = new JourneyTracker(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        tracker.adopt(storedWaitingInSupport());

        assertThat(tracker.record(CALL)).contains(storedWaitingInSupport());
    }

    @Test
    void a_call_already_followed_is_not_replaced_by_its_older_stored_state() {
        JourneyTracker tracker = new JourneyTracker(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        tracker.apply(new ChannelCreated("pbx", T0, "1.0", "1.0", "PJSIP/trunk-1", "+14155550101", "Ada"));
        tracker.apply(new QueueJoined("pbx", T0.plusSeconds(5), "1.0", "1.1", "sales", 1, "+14155550101", "Ada"));

        assertThat(tracker.adopt(storedWaitingInSupport())).isFalse();

        assertThat(tracker.record(CALL).orElseThrow().legs()).extracting(LegRecord::queue).containsExactly("sales");
    }
}
