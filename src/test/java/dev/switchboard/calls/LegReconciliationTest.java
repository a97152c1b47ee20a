package dev.switchboard.calls;

import dev.switchboard.telephony.queuelog.QueueLogLeg;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One followed leg held against queue_log's account of the same stay: compared, or repaired. */
class LegReconciliationTest {

    private static final Instant ENTERED = Instant.parse("2026-03-02T09:00:00Z");

    /** A decided leg of call 1700000000.1 in support, as queue_log tells it. */
    private static QueueLogLeg logged(QueueLogLeg.Outcome outcome, long hold, String agent, Long talk,
                                      QueueLogLeg.CompletedBy completedBy, List<QueueLogLeg.Ring> rings) {
        Instant left = ENTERED.plusSeconds(hold);
        return new QueueLogLeg("1700000000.1", "support", 1, ENTERED, "07700900123", 2, 2, outcome, left, hold,
                agent == null ? null : 3L, null, agent, talk, completedBy, null, rings, ENTERED,
                talk == null ? left : left.plusSeconds(talk), 0, 100, true, true);
    }

    private static QueueLogLeg logged(QueueLogLeg.Outcome outcome, long hold) {
        return logged(outcome, hold, null, null, null, List.of());
    }

    /** A leg found waiting at a resynchronisation: its join estimated, no position, one phone ringing. */
    private static CallLeg resyncWaiting() {
        CallLeg leg = new CallLeg(1, "1700000000.1", "support", ENTERED.plusSeconds(25), 0);
        leg.joinedSource = FactSource.RESYNC;
        leg.ring("alice", "PJSIP/alice", ENTERED.plusSeconds(26));
        return leg;
    }

    /** A leg AMI followed from its join to its end: answered by alice after 30 s, talked 60 s, the caller hung up. */
    private static CallLeg amiAnswered() {
        CallLeg leg = new CallLeg(1, "1700000000.1", "support", ENTERED, 2);
        leg.ring("alice", "PJSIP/alice", ENTERED.plusSeconds(27));
        leg.answeredBy("PJSIP/alice", ENTERED.plusSeconds(30));
        leg.outcomeFromAmi(LegOutcome.ANSWERED);
        leg.leftAt = ENTERED.plusSeconds(30);
        leg.holdSeconds = 30L;
        leg.ringSeconds = 3L;
        leg.agentName = "alice";
        leg.agentInterface = "PJSIP/alice";
        leg.talkSeconds = 60L;
        leg.completedBy = "caller";
        return leg;
    }

    private static String fields(List<LegReconciliation.Disagreement> found) {
        return String.join(",", found.stream().map(LegReconciliation.Disagreement::field).toList());
    }

    @Test
    void a_waiting_leg_estimated_at_a_resync_is_closed_by_each_outcome_queue_log_tells() {
        for (QueueLogLeg.Outcome outcome : QueueLogLeg.Outcome.values()) {
            CallLeg leg = resyncWaiting();
            QueueLogLeg log = outcome == QueueLogLeg.Outcome.ANSWERED
                    ? logged(outcome, 40, "bob", 70L, QueueLogLeg.CompletedBy.AGENT, List.of())
                    : logged(outcome, 40);

            assertThat(LegReconciliation.repair(leg, log)).as(outcome.name()).isTrue();

            LegRecord after = leg.record();
            assertThat(after.outcome()).as(outcome.name()).isEqualTo(LegOutcome.valueOf(outcome.name()));
            assertThat(after.outcomeSource()).as(outcome.name()).isEqualTo(FactSource.QUEUE_LOG);
            assertThat(after.joinedAt()).as(outcome.name()).isEqualTo(ENTERED);
            assertThat(after.joinedSource()).as(outcome.name()).isEqualTo(FactSource.QUEUE_LOG);
            assertThat(after.leftAt()).as(outcome.name()).isEqualTo(ENTERED.plusSeconds(40));
            assertThat(after.holdSeconds()).as(outcome.name()).isEqualTo(40L);
            assertThat(after.position()).as(outcome.name()).isEqualTo(2);
            assertThat(after.rings()).as("no phone is left ringing after " + outcome)
                    .allSatisfy(r -> assertThat(r.outcome()).isNotNull());
            if (outcome == QueueLogLeg.Outcome.ANSWERED) {
                assertThat(after.agentName()).isEqualTo("bob");
                assertThat(after.talkSeconds()).isEqualTo(70L);
                assertThat(after.completedBy()).isEqualTo("agent");
                assertThat(after.rings()).anySatisfy(r -> {
                    assertThat(r.agentName()).isEqualTo("bob");
                    assertThat(r.outcome()).isEqualTo("answered");
                    assertThat(r.source()).isEqualTo(FactSource.QUEUE_LOG);
                });
                assertThat(after.rings()).filteredOn(r -> "alice".equals(r.agentName()))
                        .extracting(RingRecord::outcome).containsExactly("cancelled");
            } else {
                assertThat(after.agentName()).isNull();
                assertThat(after.rings()).extracting(RingRecord::outcome).containsExactly("cancelled");
            }
            assertThat(LegReconciliation.compare(leg, log)).as("nothing left to disagree on after " + outcome).isEmpty();
        }
    }

    @Test
    void repairing_twice_changes_nothing_the_second_time() {
        CallLeg leg = resyncWaiting();
        QueueLogLeg log = logged(QueueLogLeg.Outcome.ANSWERED, 40, "bob", 70L, QueueLogLeg.CompletedBy.CALLER,
                List.of(new QueueLogLeg.Ring("alice", 15_000, QueueLogLeg.RingEnd.NO_ANSWER, ENTERED.plusSeconds(5))));
        assertThat(LegReconciliation.repair(leg, log)).isTrue();
        LegRecord once = leg.record();

        assertThat(LegReconciliation.repair(leg, log)).isFalse();
        assertThat(leg.record()).isEqualTo(once);
    }

    @Test
    void compare_lists_each_field_that_differs_and_changes_nothing() {
        CallLeg leg = amiAnswered();
        LegRecord before = leg.record();
        QueueLogLeg log = logged(QueueLogLeg.Outcome.ANSWERED, 35, "bob", 90L, QueueLogLeg.CompletedBy.AGENT,
                List.of(new QueueLogLeg.Ring("carol", 15_000, QueueLogLeg.RingEnd.NO_ANSWER, ENTERED.plusSeconds(5))));

        List<LegReconciliation.Disagreement> found = LegReconciliation.compare(leg, log);

        assertThat(fields(found)).isEqualTo("hold,agent,talk,completed_by,ring_no_answers");
        assertThat(found.get(0)).hasToString("hold AMI=30 queue_log=35");
        assertThat(found.get(1)).hasToString("agent AMI=alice queue_log=bob");
        assertThat(leg.record()).isEqualTo(before);

        CallLeg abandoned = new CallLeg(1, "1700000000.1", "support", ENTERED.plusSeconds(9), 2);
        abandoned.outcomeFromAmi(LegOutcome.ABANDONED);
        abandoned.holdSeconds = 40L;
        assertThat(fields(LegReconciliation.compare(abandoned, logged(QueueLogLeg.Outcome.TIMEOUT, 40))))
                .isEqualTo("joined,outcome");
    }

    @Test
    void times_and_durations_a_second_apart_agree_and_two_seconds_apart_do_not() {
        CallLeg leg = amiAnswered();
        leg.joinedAt = ENTERED.plusSeconds(1);
        assertThat(LegReconciliation.compare(leg, logged(QueueLogLeg.Outcome.ANSWERED, 31, "alice", 61L,
                QueueLogLeg.CompletedBy.CALLER, List.of()))).isEmpty();
        assertThat(LegReconciliation.compare(leg, logged(QueueLogLeg.Outcome.ANSWERED, 29, "alice", 59L,
                QueueLogLeg.CompletedBy.CALLER, List.of()))).isEmpty();
        LegRecord before = leg.record();
        assertThat(LegReconciliation.repair(leg, logged(QueueLogLeg.Outcome.ANSWERED, 31, "alice", 61L,
                QueueLogLeg.CompletedBy.CALLER, List.of()))).as("within tolerance: nothing to repair").isFalse();
        assertThat(leg.record()).isEqualTo(before);

        leg.joinedAt = ENTERED.plusSeconds(2);
        assertThat(fields(LegReconciliation.compare(leg, logged(QueueLogLeg.Outcome.ANSWERED, 32, "alice", 62L,
                QueueLogLeg.CompletedBy.CALLER, List.of())))).isEqualTo("joined,hold,talk");
    }

    @Test
    void an_abandon_queue_log_says_was_a_timeout_is_repaired_into_a_timeout() {
        CallLeg leg = new CallLeg(1, "1700000000.1", "billing", ENTERED, 1);
        leg.joinedSource = FactSource.RESYNC;
        leg.outcome = LegOutcome.ABANDONED;
        leg.outcomeSource = FactSource.RESYNC;
        leg.leftAt = ENTERED.plusSeconds(20);
        leg.holdSeconds = 20L;
        QueueLogLeg log = new QueueLogLeg("1700000000.1", "billing", 1, ENTERED, null, 1, 1,
                QueueLogLeg.Outcome.TIMEOUT, ENTERED.plusSeconds(30), 30L, null, null, null, null, null, null,
                List.of(), ENTERED, ENTERED.plusSeconds(30), 0, 80, true, true);

        assertThat(fields(LegReconciliation.compare(leg, log))).isEqualTo("outcome,hold");
        assertThat(LegReconciliation.repair(leg, log)).isTrue();

        assertThat(leg.outcome).isEqualTo(LegOutcome.TIMEOUT);
        assertThat(leg.outcomeSource).isEqualTo(FactSource.QUEUE_LOG);
        assertThat(leg.leftAt).isEqualTo(ENTERED.plusSeconds(30));
        assertThat(leg.holdSeconds).isEqualTo(30L);
    }

    @Test
    void no_answer_rings_queue_log_has_beyond_those_ami_saw_are_added_per_agent() {
        CallLeg leg = amiAnswered();
        leg.ring("alice", "PJSIP/alice", ENTERED.plusSeconds(2));
        leg.endRing("alice", "PJSIP/alice", ENTERED.plusSeconds(17), "no_answer", 15_000);
        QueueLogLeg log = logged(QueueLogLeg.Outcome.ANSWERED, 30, "alice", 60L, QueueLogLeg.CompletedBy.CALLER,
                List.of(new QueueLogLeg.Ring("alice", 15_000, QueueLogLeg.RingEnd.NO_ANSWER, ENTERED.plusSeconds(2)),
                        new QueueLogLeg.Ring("bob", 5_000, QueueLogLeg.RingEnd.NO_ANSWER, ENTERED.plusSeconds(17)),
                        new QueueLogLeg.Ring("carol", 2_000, QueueLogLeg.RingEnd.CANCELLED, ENTERED.plusSeconds(20)),
                        new QueueLogLeg.Ring("alice", 4_000, QueueLogLeg.RingEnd.NO_ANSWER, ENTERED.plusSeconds(22))));

        assertThat(LegReconciliation.repair(leg, log)).isTrue();

        assertThat(leg.noAnswerAgents()).containsExactly("alice", "bob", "alice");
        assertThat(leg.record().rings()).filteredOn(r -> r.source() == FactSource.QUEUE_LOG)
                .extracting(RingRecord::agentName, RingRecord::outcome, RingRecord::ringMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "no_answer", 5_000L),
                        org.assertj.core.groups.Tuple.tuple("alice", "no_answer", 4_000L));
        assertThat(LegReconciliation.compare(leg, log)).isEmpty();
        assertThat(LegReconciliation.repair(leg, log)).isFalse();
    }
}
