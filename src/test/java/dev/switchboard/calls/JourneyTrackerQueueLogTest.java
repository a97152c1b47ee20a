package dev.switchboard.calls;

import dev.switchboard.telephony.TelephonyEvent.ChannelCreated;
import dev.switchboard.telephony.TelephonyEvent.LiveChannel;
import dev.switchboard.telephony.TelephonyEvent.QueueJoined;
import dev.switchboard.telephony.TelephonyEvent.Resynchronised;
import dev.switchboard.telephony.TelephonyEvent.WaitingCaller;
import dev.switchboard.telephony.queuelog.QueueLogCalls;
import dev.switchboard.telephony.queuelog.QueueLogLeg;
import dev.switchboard.telephony.queuelog.QueueLogLine;
import dev.switchboard.telephony.queuelog.QueueLogParser;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The tracker holds queue_log's legs against the calls it follows: it fills in what AMI missed,
 * compares what AMI heard, never adds a call or leg twice, and only ends a call Asterisk no longer
 * listed as live.
 */
class JourneyTrackerQueueLogTest {

    private static final String PBX = "pbx";
    private static final long T0 = 1_795_000_000L;
    private final JourneyTracker tracker = new JourneyTracker(Clock.fixed(Instant.ofEpochSecond(T0 + 600), ZoneOffset.UTC));

    /** queue_log lines {@code "seconds after T0|callid|queue|agent|event|data…"}, read into legs. */
    private static List<QueueLogLeg> legs(String... lines) {
        List<QueueLogLine> parsed = new ArrayList<>();
        long offset = 0;
        for (String line : lines) {
            int bar = line.indexOf('|');
            String text = (T0 + Long.parseLong(line.substring(0, bar))) + line.substring(bar);
            parsed.add(((QueueLogParser.Parsed) QueueLogParser.parse(text, offset, offset + text.length() + 1)).line());
            offset += text.length() + 1;
        }
        return QueueLogCalls.legsOf(parsed);
    }

    private static Instant at(long seconds) {
        return Instant.ofEpochSecond(T0 + seconds);
    }

    private static final List<QueueLogLeg> ANSWERED_BY_ALICE = legs(
            "10|1.5|support|NONE|ENTERQUEUE||+14155550101|1",
            "14|1.5|support|Bob|RINGNOANSWER|3000",
            "20|1.5|support|Alice|CONNECT|10|1.9|2",
            "80|1.5|support|Alice|COMPLETEAGENT|10|60|1");

    private void resynchronisedWithNothingLive() {
        tracker.apply(new Resynchronised(PBX, at(100), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void a_call_missed_entirely_is_added_from_queue_log_once() {
        resynchronisedWithNothingLive();

        JourneyTracker.QueueLogApplied first = tracker.applyQueueLog(PBX, ANSWERED_BY_ALICE.get(0), false);
        JourneyTracker.QueueLogApplied second = tracker.applyQueueLog(PBX, ANSWERED_BY_ALICE.get(0), false);

        assertThat(first.repairs()).containsExactly("call_added", "call_ended");
        assertThat(second.repairs()).as("the same lines again").isEmpty();
        assertThat(second.changed()).isEmpty();
        JourneyRecord call = tracker.record(new CallJourneyRef(PBX, "1.5")).orElseThrow();
        assertThat(call.source()).isEqualTo(FactSource.QUEUE_LOG);
        assertThat(call.callerNumber()).isEqualTo("+14155550101");
        assertThat(call.ivrSeconds()).as("queue_log knows nothing of the IVR").isNull();
        assertThat(call.endedAt()).isEqualTo(at(80));
        assertThat(call.endedSource()).isEqualTo(FactSource.QUEUE_LOG);
        LegRecord leg = call.legs().get(0);
        assertThat(leg.joinedAt()).isEqualTo(at(10));
        assertThat(leg.joinedSource()).isEqualTo(FactSource.QUEUE_LOG);
        assertThat(leg.outcome()).isEqualTo(LegOutcome.ANSWERED);
        assertThat(leg.outcomeSource()).isEqualTo(FactSource.QUEUE_LOG);
        assertThat(leg.holdSeconds()).isEqualTo(10);
        assertThat(leg.talkSeconds()).isEqualTo(60);
        assertThat(leg.agentName()).isEqualTo("Alice");
        assertThat(leg.completedBy()).isEqualTo("agent");
        assertThat(leg.position()).isEqualTo(1);
        assertThat(leg.rings()).extracting(RingRecord::agentName, RingRecord::outcome, RingRecord::source)
                .containsExactly(tuple("Bob", "no_answer", FactSource.QUEUE_LOG),
                        tuple("Alice", "answered", FactSource.QUEUE_LOG));
    }

    @Test
    void a_caller_rebuilt_at_resync_is_closed_on_that_leg_with_the_exact_join() {
        tracker.apply(new Resynchronised(PBX, at(15), List.of(), List.of(),
                List.of(new WaitingCaller("support", 1, "1.5", "1.0", "+14155550101", null, 3)),
                List.of(new LiveChannel("1.5", "1.0", "PJSIP/trunk-1"))));
        resynchronisedWithNothingLive();

        JourneyTracker.QueueLogApplied applied = tracker.applyQueueLog(PBX, ANSWERED_BY_ALICE.get(0), false);

        assertThat(applied.repairs()).containsExactly("leg_repaired", "call_ended");
        JourneyRecord call = tracker.record(new CallJourneyRef(PBX, "1.0")).orElseThrow();
        assertThat(call.legs()).hasSize(1);
        assertThat(call.source()).as("AMI told of the call first").isEqualTo(FactSource.AMI);
        LegRecord leg = call.legs().get(0);
        assertThat(leg.joinedAt()).as("the estimate gives way to queue_log's").isEqualTo(at(10));
        assertThat(leg.joinedSource()).isEqualTo(FactSource.QUEUE_LOG);
        assertThat(leg.outcome()).isEqualTo(LegOutcome.ANSWERED);
        assertThat(leg.talkSeconds()).isEqualTo(60);
        assertThat(tracker.record(new CallJourneyRef(PBX, "1.5"))).as("no second call by the channel").isEmpty();
    }

    @Test
    void a_call_asterisk_still_lists_as_live_gets_no_end_from_queue_log() {
        tracker.apply(new ChannelCreated(PBX, at(0), "1.0", "1.0", "PJSIP/trunk-1", "+14155550101", null));
        tracker.apply(new QueueJoined(PBX, at(10), "1.0", "1.5", "support", 1, "+14155550101", null));
        tracker.apply(new Resynchronised(PBX, at(100), List.of(), List.of(), List.of(),
                List.of(new LiveChannel("1.0", "1.0", "PJSIP/trunk-1"))));

        JourneyTracker.QueueLogApplied applied = tracker.applyQueueLog(PBX, ANSWERED_BY_ALICE.get(0), false);

        assertThat(applied.repairs()).containsExactly("leg_repaired");
        JourneyRecord call = tracker.record(new CallJourneyRef(PBX, "1.0")).orElseThrow();
        assertThat(call.legs().get(0).outcome()).isEqualTo(LegOutcome.ANSWERED);
        assertThat(call.legs().get(0).joinedSource()).as("AMI's join stays").isEqualTo(FactSource.AMI);
        assertThat(call.endedAt()).as("its hangup is still to come over AMI").isNull();
    }

    @Test
    void where_ami_was_heard_legs_are_compared_and_left_as_they_are() {
        tracker.apply(new ChannelCreated(PBX, at(0), "1.0", "1.0", "PJSIP/trunk-1", "+14155550101", null));
        tracker.apply(new QueueJoined(PBX, at(10), "1.0", "1.5", "support", 1, "+14155550101", null));
        JourneyRecord before = tracker.record(new CallJourneyRef(PBX, "1.0")).orElseThrow();

        JourneyTracker.QueueLogApplied applied = tracker.applyQueueLog(PBX, ANSWERED_BY_ALICE.get(0), true);

        assertThat(applied.changed()).isEmpty();
        assertThat(applied.repairs()).isEmpty();
        assertThat(applied.disagreements()).extracting(LegReconciliation.Disagreement::field)
                .containsExactly("outcome", "hold", "agent", "talk", "completed_by", "ring_no_answers");
        assertThat(tracker.record(new CallJourneyRef(PBX, "1.0"))).contains(before);

        JourneyTracker.QueueLogApplied unknown = tracker.applyQueueLog(PBX, legs(
                "30|2.5|billing|NONE|ENTERQUEUE||+14155550102|1", "40|2.5|billing|NONE|ABANDON|1|1|10").get(0), true);
        assertThat(unknown.disagreements()).extracting(LegReconciliation.Disagreement::field)
                .containsExactly("missing_leg");
        assertThat(tracker.record(new CallJourneyRef(PBX, "2.5"))).isEmpty();
    }

    @Test
    void a_leg_added_from_queue_log_and_a_later_one_from_ami_get_numbers_of_their_own() {
        tracker.apply(new ChannelCreated(PBX, at(0), "1.0", "1.0", "PJSIP/trunk-1", "+14155550101", null));
        tracker.apply(new Resynchronised(PBX, at(35), List.of(), List.of(), List.of(),
                List.of(new LiveChannel("1.0", "1.0", "PJSIP/trunk-1"))));
        List<QueueLogLeg> overflow = legs(
                "10|1.0|billing|NONE|ENTERQUEUE||+14155550101|1",
                "40|1.0|billing|NONE|EXITWITHTIMEOUT|1|1|30");

        tracker.applyQueueLog(PBX, overflow.get(0), false);
        tracker.apply(new QueueJoined(PBX, at(41), "1.0", "1.0", "support", 1, "+14155550101", null));

        JourneyRecord call = tracker.record(new CallJourneyRef(PBX, "1.0")).orElseThrow();
        assertThat(call.legs()).extracting(LegRecord::legNo, LegRecord::queue, LegRecord::joinedSource)
                .containsExactly(tuple(1, "billing", FactSource.QUEUE_LOG),
                        tuple(2, "support", FactSource.AMI));
        assertThat(call.legs().get(0).outcome()).isEqualTo(LegOutcome.TIMEOUT);
        assertThat(call.endedAt()).as("the call is live and waits in support").isNull();
    }
}
