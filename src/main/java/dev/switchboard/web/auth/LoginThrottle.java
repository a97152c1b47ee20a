package dev.switchboard.web.auth;

import dev.switchboard.web.AttemptCounters;
import dev.switchboard.web.AttemptCounters.Policy;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.Locale;

/**
 * Logins, counted per user name at a client address and per client address (a good one taken
 * back), never per user name alone: guessing from one address holds that address back with growing delays, while the
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

    /**
     * Counts the attempt in advance, for the address and for the user at it, before the password
     * is checked: logins sent in parallel are counted one after another, so a burst of them gets
     * no further than the same guesses one by one. Fails with {@link TooManyAttemptsException}
     * while either is held back; then nothing is counted.
     */
    public Future<Void> admit(String username, String address) {
        return counters.take(ADDRESS, address).compose(addressWait -> {
            if (!addressWait.isZero()) {
                return Future.failedFuture(new TooManyAttemptsException(seconds(addressWait)));
            }
            return counters.take(USER_AT_ADDRESS, userAt(username, address)).compose(userWait -> userWait.isZero()
                    ? Future.succeededFuture()
                    : counters.uncount(ADDRESS, address)
                    .compose(v -> Future.failedFuture(new TooManyAttemptsException(seconds(userWait)))));
        });
    }

    /**
     * A good login was no failure: the user's attempts at this address are forgotten, and the one
     * counted for the address is taken back (the address's earlier failures stay).
     */
    public Future<Void> succeeded(String username, String address) {
        return counters.forget(USER_AT_ADDRESS, userAt(username, address))
                .compose(v -> counters.uncount(ADDRESS, address));
    }

    private static String userAt(String username, String address) {
        return username.toLowerCase(Locale.ROOT) + "\n" + address;
    }

    /** Whole seconds for Retry-After, rounded up. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
