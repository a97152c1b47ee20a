package dev.switchboard.telephony;

import java.time.Duration;

/** Exponential back-off between reconnect attempts: first, 2×first, 4×first … never above max. */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** The wait before the coming attempt; doubles the one after it. */
    Duration nextDelay() {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    /** After a successful login the next failure starts from the first delay again. */
    void reset() {
        next = first;
    }
}
