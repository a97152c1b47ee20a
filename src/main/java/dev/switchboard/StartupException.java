package dev.switchboard;

/** Start-up failed in a way the operator can fix; the message says how, in one line. */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
