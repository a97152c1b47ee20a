package dev.switchboard.testing;

import dev.switchboard.calls.LegRecord;
import dev.switchboard.calls.RingRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Whether a stored queue leg tells the same stay as Asterisk's queue_log does. */
public final class LegAgreement {

    private LegAgreement() {
    }

    /**
     * Queue, outcome, hold and talk (within a second), agent, who completed it, the agents who let
     * it ring unanswered, the answering agent's ring, no ring left ringing, and a position.
     */
    public static void assertLegAgrees(String callId, QueueLog.Leg expected, LegRecord actual) {
        String leg = "call " + callId + " in " + expected.queue + ": " + expected + " vs " + actual;
        assertThat(actual.queue()).as(leg).isEqualTo(expected.queue);
        assertThat(actual.outcome() == null ? null : actual.outcome().code()).as(leg).isEqualTo(expected.outcome);
        if (expected.holdSeconds != null) {
            assertThat(actual.holdSeconds()).as(leg).isNotNull();
            assertThat((double) actual.holdSeconds()).as(leg).isCloseTo(expected.holdSeconds, within(1.0));
        }
        assertThat(actual.agentName()).as(leg).isEqualTo(expected.agent);
        assertThat(actual.completedBy()).as(leg).isEqualTo(expected.completedBy);
        if (expected.talkSeconds != null) {
            assertThat(actual.talkSeconds()).as(leg).isNotNull();
            assertThat((double) actual.talkSeconds()).as(leg).isCloseTo(expected.talkSeconds, within(1.0));
        }
        assertThat(actual.ringNoAnswers()).as(leg).isEqualTo(expected.ringNoAnswers);
        assertThat(actual.rings().stream().filter(r -> "no_answer".equals(r.outcome())).map(RingRecord::agentName))
                .as(leg).containsExactlyElementsOf(expected.notAnsweredBy);
        if (expected.agent != null) {
            assertThat(actual.rings()).as(leg).anySatisfy(r -> {
                assertThat(r.outcome()).isEqualTo("answered");
                assertThat(r.agentName()).isEqualTo(expected.agent);
            });
        }
        assertThat(actual.rings()).as("no ring of a finished leg is left ringing: " + leg)
                .allSatisfy(r -> assertThat(r.outcome()).isNotNull());
        assertThat(actual.position()).as(leg).isNotNull();
    }
}
