package dev.switchboard.calls;

import java.time.Duration;
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
    /** Whether {@link #joinedAt} was reported or estimated. */
    FactSource joinedSource = FactSource.AMI;
    int position;
    int originalPosition;
    LegOutcome outcome;
    FactSource outcomeSource = FactSource.AMI;
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
        final FactSource source;
        String outcome;
        Long ringMillis;

        Ring(int ringNo, String agentName, String agentInterface, Instant rungAt, FactSource source) {
            this.ringNo = ringNo;
            this.agentName = agentName;
            this.agentInterface = agentInterface;
            this.rungAt = rungAt;
            this.source = source;
        }

        static Ring from(RingRecord record) {
            Ring ring = new Ring(record.ringNo(), record.agentName(), record.agentInterface(), record.rungAt(),
                    record.source());
            ring.outcome = record.outcome();
            ring.ringMillis = record.ringMillis();
            return ring;
        }

        RingRecord record() {
            return new RingRecord(ringNo, agentName, agentInterface, rungAt, outcome, ringMillis, source);
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

    /** The leg as stored, to be followed on (after a restart). */
    static CallLeg from(LegRecord record) {
        CallLeg leg = new CallLeg(record.legNo(), record.uniqueid(), record.queue(), record.joinedAt(),
                record.position() == null ? 0 : record.position());
        leg.joinedSource = record.joinedSource();
        leg.originalPosition = record.originalPosition() == null ? 0 : record.originalPosition();
        leg.outcome = record.outcome();
        if (record.outcomeSource() != null) {
            leg.outcomeSource = record.outcomeSource();
        }
        leg.leftAt = record.leftAt();
        leg.holdSeconds = record.holdSeconds();
        leg.ringSeconds = record.ringSeconds();
        leg.talkSeconds = record.talkSeconds();
        leg.agentName = record.agentName();
        leg.agentInterface = record.agentInterface();
        leg.completedBy = record.completedBy();
        record.rings().forEach(ring -> leg.rings.add(Ring.from(ring)));
        return leg;
    }

    /** AMI said how the caller left this queue. */
    void outcomeFromAmi(LegOutcome outcome) {
        this.outcome = outcome;
        this.outcomeSource = FactSource.AMI;
    }

    boolean isWaiting() {
        return outcome == null;
    }

    Ring ring(String agentName, String agentInterface, Instant at) {
        Ring ring = new Ring(rings.size() + 1, agentName, agentInterface, at, FactSource.AMI);
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

    /** The agent on this interface answered at {@code at}: their phone, if seen ringing, stops ringing. */
    void answeredBy(String agentInterface, Instant at) {
        for (int i = rings.size() - 1; i >= 0; i--) {
            Ring ring = rings.get(i);
            if (ring.outcome == null && Objects.equals(ring.agentInterface, agentInterface)) {
                ring.outcome = "answered";
                ring.ringMillis = Math.max(0, Duration.between(ring.rungAt, at).toMillis());
                return;
            }
        }
    }

    /** The caller left or someone else answered: every phone still ringing stops; whether any was. */
    boolean cancelRinging() {
        boolean any = false;
        for (Ring ring : rings) {
            if (ring.outcome == null) {
                ring.outcome = "cancelled";
                any = true;
            }
        }
        return any;
    }

    /** A ring that ended as {@code outcome}, learnt afterwards (queue_log names the member, not the phone). */
    void addRing(String agentName, Instant rungAt, String outcome, long ringMillis, FactSource source) {
        Ring ring = new Ring(rings.size() + 1, agentName, null, rungAt, source);
        ring.outcome = outcome;
        ring.ringMillis = ringMillis;
        rings.add(ring);
    }

    /**
     * The member {@code agentName} answered at {@code at} after ringing {@code ringMillis}: their
     * ringing phone, if seen, is marked answered, else an answered ring is added; whether anything
     * changed (nothing when an answered ring of theirs is there already).
     */
    boolean answeredByMember(String agentName, Instant at, long ringMillis) {
        if (rings.stream().anyMatch(r -> "answered".equals(r.outcome) && Objects.equals(r.agentName, agentName))) {
            return false;
        }
        for (int i = rings.size() - 1; i >= 0; i--) {
            Ring ring = rings.get(i);
            if (ring.outcome == null && Objects.equals(ring.agentName, agentName)) {
                ring.outcome = "answered";
                ring.ringMillis = Math.max(0, Duration.between(ring.rungAt, at).toMillis());
                return true;
            }
        }
        addRing(agentName, at.minusMillis(ringMillis), "answered", ringMillis, FactSource.QUEUE_LOG);
        return true;
    }

    /** The members who let it ring without answering, in order. */
    List<String> noAnswerAgents() {
        return rings.stream().filter(r -> "no_answer".equals(r.outcome)).map(r -> r.agentName).toList();
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
                rings.stream().map(Ring::record).toList(), joinedSource, outcome == null ? null : outcomeSource);
    }
}
