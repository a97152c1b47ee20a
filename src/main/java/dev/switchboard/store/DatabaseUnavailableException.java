package dev.switchboard.store;

/** The database cannot be used; the message says what to check, in one line. */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
