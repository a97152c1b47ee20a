package dev.switchboard.telephony;

/**
 * Something that follows the calls: it gets every {@link TelephonyEvent} in the order Asterisk
 * sent it, on the telephony verticle's context. It must not block.
 */
@FunctionalInterface
public interface TelephonyListener {

    void onTelephonyEvent(TelephonyEvent event);
}
