package dev.switchboard.messages;

import java.time.Duration;

/** Pause before the next try of a message: first, 2×first, 4×first … never above max. */
record RetryDelay(Duration first, Duration max) {

    Duration after(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
