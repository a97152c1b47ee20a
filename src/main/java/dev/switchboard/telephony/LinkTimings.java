package dev.switchboard.telephony;

import java.time.Duration;

/**
 * How an AMI connection is watched. With a Ping every 3 s that must be answered within 4 s, a
 * silent (half-open) connection is noticed within 7 s; reconnects back off from 1 s to 30 s.
 */
public record LinkTimings(Duration connectTimeout, Duration actionTimeout, Duration pingInterval,
                          Duration pingTimeout, Duration firstRetry, Duration maxRetry) {

    public static LinkTimings defaults() {
        return new LinkTimings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(3),
                Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}
