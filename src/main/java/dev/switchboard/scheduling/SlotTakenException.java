package dev.switchboard.scheduling;

/** Someone else got the slot first (or it was never free); the caller offers the next ones. */
final class SlotTakenException extends RuntimeException {

    SlotTakenException() {
        super("That slot is no longer free.");
    }
}
