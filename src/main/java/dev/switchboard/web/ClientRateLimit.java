package dev.switchboard.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small token bucket per client address: each address may make {@code burst} requests at once,
 * and gets one more every {@code refill}. Buckets that have filled up again are forgotten once
 * there are many, so a stream of addresses cannot grow the map without end.
 */
public final class ClientRateLimit {

    /** Beyond this many addresses, full (idle) buckets are dropped. */
    private static final int FORGET_IDLE_BEYOND = 10_000;

    private final int burst;
    private final Duration refill;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ClientRateLimit(int burst, Duration refill, Clock clock) {
        if (burst < 1 || refill.isZero() || refill.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive refill");
        }
        this.burst = burst;
        this.refill = refill;
        this.clock = clock;
    }

    /** Takes one request from the address's bucket: 0 when allowed, else the seconds to wait before the next. */
    public long take(String address) {
        long now = clock.millis();
        if (buckets.size() > FORGET_IDLE_BEYOND) {
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        return buckets.computeIfAbsent(address, a -> new Bucket(now)).take(now);
    }

    private final class Bucket {
        private double tokens = burst;
        private long lastMillis;

        Bucket(long now) {
            lastMillis = now;
        }

        synchronized long take(long now) {
            topUp(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * refill.toMillis() / 1000.0));
        }

        synchronized boolean full(long now) {
            topUp(now);
            return tokens >= burst;
        }

        private void topUp(long now) {
            tokens = Math.min(burst, tokens + (double) (now - lastMillis) / refill.toMillis());
            lastMillis = now;
        }
    }
}
