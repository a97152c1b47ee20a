package dev.switchboard.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code maxFailures} failed logins per user name within {@code window}; after that the
 * name is refused until the oldest failure leaves the window, whatever the password.
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Throws {@link TooManyAttemptsException} when this name has failed too often lately. */
    public void check(String username) {
        Deque<Instant> recent = recent(username);
        synchronized (recent) {
            if (recent.size() >= maxFailures) {
                long wait = Math.max(1, Duration.between(clock.instant(), recent.peekFirst().plus(window)).toSeconds());
                throw new TooManyAttemptsException(wait);
            }
        }
    }

    public void failed(String username) {
        Deque<Instant> recent = recent(username);
        synchronized (recent) {
            recent.addLast(clock.instant());
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private Deque<Instant> recent(String username) {
        Deque<Instant> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (recent) {
            Instant cutoff = clock.instant().minus(window);
            while (!recent.isEmpty() && recent.peekFirst().isBefore(cutoff)) {
                recent.pollFirst();
            }
        }
        return recent;
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
