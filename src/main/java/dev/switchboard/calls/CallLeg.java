package dev.switchboard.calls;

import java.time.Instant;

/**
 * One stay of a call in one queue, as followed live: joined, rang agents, then answered,
 * abandoned or moved on by the queue's timeout. Mutable; owned by the {@link JourneyTracker}.
 */
final class CallLeg {

    final int legNo;
    final String uniqueid;
    final String queue;
    Instant joinedAt;
    int position;
    int originalPosition;
    LegOutcome outcome;
    Instant leftAt;
    Long holdSeconds;
    Long ringSeconds;
    Long talkSeconds;
    String agentName;
    String agentInterface;
    /** The agent's channel while connected (AgentConnect's DestUniqueid). */
    String agentUniqueid;
    int ringNoAnswers;
    String completedBy;

    CallLeg(int legNo, String uniqueid, String queue, Instant joinedAt, int position) {
        this.legNo = legNo;
        this.uniqueid = uniqueid;
        this.queue = queue;
        this.joinedAt = joinedAt;
        this.position = position;
        this.originalPosition = position;
    }

    boolean isWaiting() {
        return outcome == null;
    }

    /** Answered and still talking: AgentComplete has not come yet. */
    boolean isTalking() {
        return outcome == LegOutcome.ANSWERED && talkSeconds == null;
    }

    LegRecord record() {
        return new LegRecord(legNo, uniqueid, queue, joinedAt, position == 0 ? null : position,
                originalPosition == 0 ? null : originalPosition, outcome, leftAt, holdSeconds, ringSeconds,
                talkSeconds, agentName, agentInterface, ringNoAnswers, completedBy);
    }
}
