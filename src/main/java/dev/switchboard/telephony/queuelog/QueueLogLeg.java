package dev.switchboard.telephony.queuelog;

import java.time.Instant;
import java.util.List;

/**
 * One stay of one caller in one queue, as Asterisk's queue_log tells it: the {@code ordinal}-th
 * {@code ENTERQUEUE} of {@code callid} in {@code queue}. Times are whole seconds (queue_log's
 * resolution); hold, ring and talk are in seconds as Asterisk logged them; null is "not logged
 * (yet)". {@code firstOffset} is where its {@code ENTERQUEUE} line starts, {@code lastEndOffset}
 * where the last line read for it ends.
 *
 * @param outcomeFinal the outcome can no longer change ({@code CONNECT}, {@code ABANDON}, {@code EXIT*}, {@code AGENTDUMP})
 * @param complete     nothing more will be logged for it ({@code COMPLETE*}, a transfer, or a final outcome other than {@code CONNECT})
 */
public record QueueLogLeg(String callid, String queue, int ordinal, Instant enteredAt, String callerId,
                          Integer position, Integer originalPosition, Outcome outcome, Instant leftAt,
                          Long holdSeconds, Long ringSeconds, String agentUniqueid, String agent,
                          Long talkSeconds, CompletedBy completedBy, String exitKey, List<Ring> rings,
                          Instant firstLineAt, Instant lastLineAt, long firstOffset, long lastEndOffset,
                          boolean outcomeFinal, boolean complete) {

    public QueueLogLeg {
        rings = List.copyOf(rings);
    }

    /** How the caller left the queue (not {@code calls.LegOutcome}: this package reads, it does not store). */
    public enum Outcome {
        ANSWERED, ABANDONED, TIMEOUT, CALLBACK
    }

    /** Who ended an answered leg's talk: the caller, the agent, or a transfer elsewhere. */
    public enum CompletedBy {
        CALLER, AGENT, TRANSFER
    }

    /** An agent rang and did not answer ({@code RINGNOANSWER}) or the ringing was stopped ({@code RINGCANCELED}). */
    public record Ring(String agent, long millis, RingEnd end, Instant startedAt) {
    }

    public enum RingEnd {
        NO_ANSWER, CANCELLED
    }

    /** The agents who let it ring without answering, in order. */
    public List<String> notAnsweredBy() {
        return rings.stream().filter(r -> r.end() == RingEnd.NO_ANSWER).map(Ring::agent).toList();
    }
}
