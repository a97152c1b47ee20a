package dev.switchboard.seed;

/** Seeding would mix demo rows into existing data; the message says how to proceed. */
public final class SeedRefusedException extends RuntimeException {
    public SeedRefusedException(String message) {
        super(message);
    }
}
