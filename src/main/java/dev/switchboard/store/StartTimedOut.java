package dev.switchboard.store;

import ch.vorburger.exec.ManagedProcessException;

/** A step of the embedded database's start did not finish within its limit. */
final class StartTimedOut extends ManagedProcessException {

    StartTimedOut(String message, Throwable cause) {
        super(message, cause);
    }
}
