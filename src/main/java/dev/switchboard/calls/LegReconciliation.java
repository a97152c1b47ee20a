package dev.switchboard.calls;

import dev.switchboard.telephony.queuelog.QueueLogLeg;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Holds one followed queue leg against what Asterisk's queue_log says of the same stay: either
 * lists where they differ (a stretch AMI was heard for: AMI is checked, not changed), or makes the
 * leg say what queue_log says (a stretch AMI was not heard for). Repairing is idempotent: a
 * repaired leg has nothing left to repair and no disagreement. Times and durations count as equal
 * within {@link #TOLERANCE_SECONDS}, as queue_log logs whole seconds and AMI milliseconds.
 */
final class LegReconciliation {

    /** Seconds two readings of the same duration or moment may differ by (rounding, second boundaries). */
    static final long TOLERANCE_SECONDS = 1;

    /** One field on which AMI and queue_log differ. */
    record Disagreement(String field, String ami, String queueLog) {

        @Override
        public String toString() {
            return field + " AMI=" + ami + " queue_log=" + queueLog;
        }
    }

    private LegReconciliation() {
    }

    /** Where the followed leg differs from queue_log's. */
    static List<Disagreement> compare(CallLeg leg, QueueLogLeg logged) {
        List<Disagreement> found = new ArrayList<>();
        if (leg.joinedSource == FactSource.AMI && apart(leg.joinedAt, logged.enteredAt())) {
            found.add(new Disagreement("joined", String.valueOf(leg.joinedAt), String.valueOf(logged.enteredAt())));
        }
        LegOutcome outcome = outcome(logged);
        if (outcome != null && outcome != leg.outcome) {
            found.add(new Disagreement("outcome", code(leg.outcome), outcome.code()));
        }
        if (logged.holdSeconds() != null && apart(leg.holdSeconds, logged.holdSeconds())) {
            found.add(new Disagreement("hold", String.valueOf(leg.holdSeconds), String.valueOf(logged.holdSeconds())));
        }
        if (outcome == LegOutcome.ANSWERED && logged.agent() != null && !logged.agent().equals(leg.agentName)) {
            found.add(new Disagreement("agent", leg.agentName, logged.agent()));
        }
        if (logged.talkSeconds() != null && apart(leg.talkSeconds, logged.talkSeconds())) {
            found.add(new Disagreement("talk", String.valueOf(leg.talkSeconds), String.valueOf(logged.talkSeconds())));
        }
        String completedBy = completedBy(logged);
        if (completedBy != null && !completedBy.equals(leg.completedBy)) {
            found.add(new Disagreement("completed_by", leg.completedBy, completedBy));
        }
        if (leg.ringNoAnswers() != logged.notAnsweredBy().size()) {
            found.add(new Disagreement("ring_no_answers", String.valueOf(leg.ringNoAnswers()),
                    String.valueOf(logged.notAnsweredBy().size())));
        }
        return found;
    }

    /** Makes the leg say what queue_log says where it differs or is silent; whether anything changed. */
    static boolean repair(CallLeg leg, QueueLogLeg logged) {
        boolean changed = false;
        if (leg.joinedSource != FactSource.AMI && !logged.enteredAt().equals(leg.joinedAt)) {
            leg.joinedAt = logged.enteredAt();
            leg.joinedSource = FactSource.QUEUE_LOG;
            changed = true;
        }
        if (leg.position == 0 && logged.position() != null && logged.position() > 0) {
            leg.position = logged.position();
            changed = true;
        }
        if (leg.originalPosition == 0 && leg.position > 0) {
            leg.originalPosition = logged.originalPosition() != null ? logged.originalPosition() : leg.position;
            changed = true;
        }
        LegOutcome outcome = outcome(logged);
        if (outcome != null && outcome != leg.outcome) {
            leg.outcome = outcome;
            leg.outcomeSource = FactSource.QUEUE_LOG;
            leg.leftAt = logged.leftAt();
            changed = true;
        } else if (leg.leftAt == null && logged.leftAt() != null) {
            leg.leftAt = logged.leftAt();
            changed = true;
        }
        if (logged.holdSeconds() != null && apart(leg.holdSeconds, logged.holdSeconds())) {
            leg.holdSeconds = logged.holdSeconds();
            changed = true;
        }
        if (leg.ringSeconds == null && logged.ringSeconds() != null) {
            leg.ringSeconds = logged.ringSeconds();
            changed = true;
        }
        if (outcome == LegOutcome.ANSWERED && logged.agent() != null && !logged.agent().equals(leg.agentName)) {
            leg.agentName = logged.agent();
            leg.agentInterface = null; // the interface AMI named was someone else's
            changed = true;
        }
        if (logged.talkSeconds() != null && apart(leg.talkSeconds, logged.talkSeconds())) {
            leg.talkSeconds = logged.talkSeconds();
            changed = true;
        }
        String completedBy = completedBy(logged);
        if (completedBy != null && !completedBy.equals(leg.completedBy)) {
            leg.completedBy = completedBy;
            changed = true;
        }
        changed |= addUnseenNoAnswers(leg, logged);
        if (leg.outcome != null) {
            if (leg.outcome == LegOutcome.ANSWERED && leg.agentName != null && leg.leftAt != null) {
                changed |= leg.answeredByMember(leg.agentName, leg.leftAt,
                        logged.ringSeconds() == null ? 0 : logged.ringSeconds() * 1000);
            }
            changed |= leg.cancelRinging();
        }
        return changed;
    }

    /**
     * Adds the no-answer rings queue_log has and AMI did not see: per agent, those beyond the
     * number AMI saw, in queue_log's order.
     */
    private static boolean addUnseenNoAnswers(CallLeg leg, QueueLogLeg logged) {
        Map<String, Integer> seen = new HashMap<>();
        leg.noAnswerAgents().forEach(agent -> seen.merge(agent == null ? "" : agent, 1, Integer::sum));
        boolean added = false;
        for (QueueLogLeg.Ring ring : logged.rings()) {
            if (ring.end() != QueueLogLeg.RingEnd.NO_ANSWER) {
                continue;
            }
            String agent = ring.agent() == null ? "" : ring.agent();
            if (seen.merge(agent, -1, Integer::sum) < 0) {
                leg.addRing(ring.agent(), ring.startedAt(), "no_answer", ring.millis(), FactSource.QUEUE_LOG);
                seen.put(agent, 0);
                added = true;
            }
        }
        return added;
    }

    static LegOutcome outcome(QueueLogLeg logged) {
        return logged.outcome() == null ? null : LegOutcome.valueOf(logged.outcome().name());
    }

    private static String completedBy(QueueLogLeg logged) {
        return logged.completedBy() == null ? null : logged.completedBy().name().toLowerCase(Locale.ROOT);
    }

    private static boolean apart(Long seconds, long logged) {
        return seconds == null || Math.abs(seconds - logged) > TOLERANCE_SECONDS;
    }

    private static boolean apart(Instant at, Instant logged) {
        return at == null || Math.abs(Duration.between(logged, at).toSeconds()) > TOLERANCE_SECONDS;
    }

    private static String code(LegOutcome outcome) {
        return outcome == null ? null : outcome.code();
    }

    /** Whether {@code joinedAt} could be queue_log's {@code enteredAt} for the same stay. */
    static boolean sameStay(CallLeg leg, QueueLogLeg logged) {
        long slack = leg.joinedSource == FactSource.AMI ? 2 : 5;
        return Objects.equals(leg.queue, logged.queue())
                && Math.abs(Duration.between(logged.enteredAt(), leg.joinedAt).toSeconds()) <= slack;
    }
}
