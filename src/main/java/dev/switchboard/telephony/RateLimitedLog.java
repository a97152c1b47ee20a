package dev.switchboard.telephony;

import org.slf4j.Logger;

/**
 * Logs a recurring problem at most once per interval, with how many were not logged in between,
 * so a stream of bad input cannot flood the log.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private long lastLogged = Long.MIN_VALUE;
    private long suppressed;

    public RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    public synchronized void warn(String format, Object... args) {
        long now = System.nanoTime();
        if (lastLogged != Long.MIN_VALUE && now - lastLogged < intervalNanos) {
            suppressed++;
            return;
        }
        if (suppressed > 0) {
            log.warn("({} similar messages not logged)", suppressed);
            suppressed = 0;
        }
        lastLogged = now;
        log.warn(format, args);
    }
}
