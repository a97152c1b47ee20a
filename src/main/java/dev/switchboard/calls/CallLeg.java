package dev.switchboard.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    String completedBy;
    private final List<Ring> rings = new ArrayList<>();

    /** One ring of an agent's phone for this leg. */
    static final class Ring {
        final int ringNo;
        final String agentName;
        final String agentInterface;
        final Instant rungAt;
        String outcome;
        Long ringMillis;

        Ring(int ringNo, String agentName, String agentInterface, Instant rungAt) {
            this.ringNo = ringNo;
            this.agentName = agentName;
            this.agentInterface = agentInterface;
            this.rungAt = rungAt;
        }

        RingRecord record() {
            return new RingRecord(ringNo, agentName, agentInterface, rungAt, outcome, ringMillis);
        }
    }
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

    Ring ring(String agentName, String agentInterface, Instant at) {
        Ring ring = new Ring(rings.size() + 1, agentName, agentInterface, at);
        rings.add(ring);
        return ring;
    }

    /**
     * Ends the ring of this agent's phone with {@code outcome}; a ring whose start was not seen
     * is added, dated {@code ringMillis} before {@code at}.
     */
    void endRing(String agentName, String agentInterface, Instant at, String outcome, long ringMillis) {
        Ring ring = null;
        for (int i = rings.size() - 1; i >= 0 && ring == null; i--) {
            Ring candidate = rings.get(i);
            if (candidate.outcome == null && Objects.equals(candidate.agentInterface, agentInterface)) {
                ring = candidate;
            }
        }
        if (ring == null) {
            ring = ring(agentName, agentInterface, at.minusMillis(ringMillis));
        }
        ring.outcome = outcome;
        ring.ringMillis = ringMillis;
    }

    /** The caller left or someone else answered: every phone still ringing stops. */
    void cancelRinging() {
        rings.stream().filter(r -> r.outcome == null).forEach(r -> r.outcome = "cancelled");
    }

    int ringNoAnswers() {
        return (int) rings.stream().filter(r -> "no_answer".equals(r.outcome)).count();
    }

    /** Answered and still talking: AgentComplete has not come yet. */
    boolean isTalking() {
        return outcome == LegOutcome.ANSWERED && talkSeconds == null;
    }

    LegRecord record() {
        return new LegRecord(legNo, uniqueid, queue, joinedAt, position == 0 ? null : position,
                originalPosition == 0 ? null : originalPosition, outcome, leftAt, holdSeconds, ringSeconds,
                talkSeconds, agentName, agentInterface, ringNoAnswers(), completedBy,
                rings.stream().map(Ring::record).toList());
    }
}
