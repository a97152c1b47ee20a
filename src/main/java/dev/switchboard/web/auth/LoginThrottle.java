package dev.switchboard.web.auth;

import dev.switchboard.web.AttemptCounters;
import dev.switchboard.web.AttemptCounters.Policy;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.Locale;

/**
 * Failed logins, counted per user name at a client address and per client address, never per user
 * name alone: guessing from one address holds that address back with growing delays, while the
 * same user logs in at once from anywhere else. Nobody can lock a user (admin included) out from
 * another machine.
 */
public final class LoginThrottle {

    /** Five guesses at one user's password from one address go at once; then 2 s, 4 s, 8 s … up to 5 min. */
    public static final Policy USER_AT_ADDRESS = new Policy("login-user-address", 5, Duration.ofSeconds(2),
            Duration.ofMinutes(5), Duration.ofMinutes(15));
    /** Twenty failed logins from one address, whatever the names, go at once; then the same growing delays. */
    public static final Policy ADDRESS = new Policy("login-address", 20, Duration.ofSeconds(2),
            Duration.ofMinutes(5), Duration.ofMinutes(15));

    private final AttemptCounters counters;

    public LoginThrottle(AttemptCounters counters) {
        this.counters = counters;
    }

    /** Fails with {@link TooManyAttemptsException} while the user at this address, or the address, is held back. */
    public Future<Void> check(String username, String address) {
        return counters.waitFor(USER_AT_ADDRESS, userAt(username, address))
                .compose(userWait -> counters.waitFor(ADDRESS, address)
                        .map(addressWait -> userWait.compareTo(addressWait) >= 0 ? userWait : addressWait))
                .compose(wait -> wait.isZero() ? Future.succeededFuture()
                        : Future.failedFuture(new TooManyAttemptsException(seconds(wait))));
    }

    public Future<Void> failed(String username, String address) {
        return counters.count(USER_AT_ADDRESS, userAt(username, address))
                .compose(v -> counters.count(ADDRESS, address)).mapEmpty();
    }

    /** A good login clears the user's failures at this address; the address's own count stays. */
    public Future<Void> succeeded(String username, String address) {
        return counters.forget(USER_AT_ADDRESS, userAt(username, address));
    }

    private static String userAt(String username, String address) {
        return username.toLowerCase(Locale.ROOT) + "\n" + address;
    }

    /** Whole seconds for Retry-After, rounded up. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
