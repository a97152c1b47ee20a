package dev.switchboard.sim;

import java.util.ArrayList;
import java.util.List;

/** What the generator made one caller do: the ledger that a test compares the service with. */
public final class GeneratedCall {

    /**
     * One stay in a queue: outcome answered, abandoned or timeout; hold and talk in whole seconds.
     * Agent, talk and {@code completedBy} (agent or caller: who hung up) only for an answered
     * leg; {@code ringNoAnswers}: how many times an agent let it ring out while it waited.
     */
    public record Leg(String queue, String outcome, long holdSeconds, String agent, Long talkSeconds,
                      String completedBy, int ringNoAnswers) {

        static Leg unanswered(String queue, String outcome, long holdSeconds, int ringNoAnswers) {
            return new Leg(queue, outcome, holdSeconds, null, null, null, ringNoAnswers);
        }
    }

    private final String linkedid;
    private final String callId;
    private final String callerNumber;
    private final String account;
    private final List<Leg> legs = new ArrayList<>();

    GeneratedCall(String linkedid, String callId, String callerNumber, String account) {
        this.linkedid = linkedid;
        this.callId = callId;
        this.callerNumber = callerNumber;
        this.account = account;
    }

    void add(Leg leg) {
        legs.add(leg);
    }

    public String linkedid() {
        return linkedid;
    }

    /**
     * The call's id in Asterisk's queue_log: the Uniqueid of the channel that waits in the queue
     * (QueueCallerJoin's Uniqueid). The generator queues the caller's own channel, so it equals the
     * Linkedid; in the recordings, where a Local channel queues, it does not.
     */
    public String callId() {
        return callId;
    }

    public String callerNumber() {
        return callerNumber;
    }

    /** The account number keyed in the IVR, or null. */
    public String account() {
        return account;
    }

    public List<Leg> legs() {
        return List.copyOf(legs);
    }
}
