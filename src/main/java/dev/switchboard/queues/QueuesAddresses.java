package dev.switchboard.queues;

/** Event-bus addresses of the queues capability. */
public final class QueuesAddresses {

    /** Request, no body: replies with the live view of every queue (a JSON array). */
    public static final String LIVE = "queues.live";

    /**
     * Published: JSON text, one delta per change (breach raised or cleared, abandon, timeout), per queue
     * at most every 100 ms (its state) or every second (its figures), and a heartbeat every second.
     */
    public static final String DELTAS = "queues.deltas";

    private QueuesAddresses() {
    }
}
