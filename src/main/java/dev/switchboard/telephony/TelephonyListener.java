package dev.switchboard.telephony;

import io.vertx.core.Future;

/**
 * Something that follows the calls: it gets every {@link TelephonyEvent} in the order Asterisk
 * sent it, on the telephony verticle's context. It must not block.
 */
public interface TelephonyListener {

    void onTelephonyEvent(TelephonyEvent event);

    /** Completes once everything this listener took in is safely handled (at shutdown). */
    default Future<Void> drain() {
        return Future.succeededFuture();
    }
}
