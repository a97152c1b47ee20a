package dev.switchboard.telephony;

/** Event-bus addresses of the telephony capability. */
public final class TelephonyAddresses {

    /**
     * Request: an {@link OriginateRequest} as JSON. Replies once Asterisk has queued the call
     * (the outcome follows as an {@link TelephonyEvent.OriginateResult}); fails when no Asterisk is
     * connected or it refuses.
     */
    public static final String ORIGINATE = "telephony.originate";

    /**
     * Request: a {@link QueuePauseRequest} as JSON. Replies once Asterisk has accepted it; fails
     * when no Asterisk is connected or it refuses (e.g. the interface is in no queue).
     */
    public static final String QUEUE_PAUSE = "telephony.queue-pause";

    private TelephonyAddresses() {
    }
}
