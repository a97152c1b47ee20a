package dev.switchboard.queues;

/** Event-bus addresses of the queues capability. */
public final class QueuesAddresses {

    /** Request, no body: replies with the live view of every queue (a JSON array). */
    public static final String LIVE = "queues.live";

    /** Published: one JSON delta per change (queue state, breach raised or cleared, abandon, figures). */
    public static final String DELTAS = "queues.deltas";

    private QueuesAddresses() {
    }
}
