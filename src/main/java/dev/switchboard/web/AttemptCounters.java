package dev.switchboard.web;

import dev.switchboard.store.Transactions;
import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts attempts per key (a user name at a client address, a client address) in the database, so
 * that every service instance on one database sees the same counts. After a policy's free attempts
 * each further one holds the key back, for twice as long as the one before up to a cap; a key left
 * alone long enough is forgotten. The table is bounded: expired counters are purged whenever a new
 * one starts, and beyond {@code maxRows} the counters that would be forgotten soonest are dropped,
 * so the ones holding a key back longest are the last to go.
 */
public final class AttemptCounters {

    /** About 100 bytes a row: a few megabytes at most. */
    public static final int DEFAULT_MAX_ROWS = 100_000;

    /**
     * How one kind of attempt is limited: {@code free} attempts may be made back to back; the next
     * must wait {@code firstDelay}, each one after that twice as long, up to {@code maxDelay}. A
     * counter nobody touches for {@code forgetAfter} past its hold starts afresh.
     */
    public record Policy(String kind, int free, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {

        public Policy {
            if (free < 1 || firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0
                    || forgetAfter.isNegative()) {
                throw new IllegalArgumentException("a policy needs at least one free attempt and growing, positive delays");
            }
        }

        /** How long the key is held back once it has made {@code attempts}. */
        public Duration holdAfter(int attempts) {
            if (attempts < free) {
                return Duration.ZERO;
            }
            int doublings = Math.min(attempts - free, 30);
            long millis = firstDelay.toMillis() << doublings;
            return millis <= 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
        }
    }

    private final Pool pool;
    private final Clock clock;
    private final int maxRows;

    public AttemptCounters(Pool pool, Clock clock) {
        this(pool, clock, DEFAULT_MAX_ROWS);
    }

    public AttemptCounters(Pool pool, Clock clock, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("the attempt counters need room for at least one row");
        }
        this.pool = pool;
        this.clock = clock;
        this.maxRows = maxRows;
    }

    /** How long the key must still wait before its next attempt: zero when it may go ahead now. */
    public Future<Duration> waitFor(Policy policy, String key) {
        Instant now = clock.instant();
        return SqlTemplate.forQuery(pool, AttemptsSql.HELD_UNTIL).execute(params(policy, key, now))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Duration.ZERO;
                    }
                    Instant heldUntil = UtcTimes.instant(rows.iterator().next().getLocalDateTime("held_until"));
                    return heldUntil != null && heldUntil.isAfter(now) ? Duration.between(now, heldUntil) : Duration.ZERO;
                });
    }

    /** Counts one attempt of the key, held back or not, and holds it back as its policy says; the hold it now has. */
    public Future<Duration> count(Policy policy, String key) {
        return counted(policy, key, true).map(Counted::hold);
    }

    /**
     * Counts the attempt unless the key is held back: zero when it may go ahead, else how long it
     * must still wait (an attempt refused is not counted). Attempts made at the same moment, from
     * any instance, are counted one after another, so a burst of them in parallel gets no more
     * through than the same attempts one by one.
     */
    public Future<Duration> take(Policy policy, String key) {
        return counted(policy, key, false).map(Counted::stillToWait);
    }

    /** Takes back one attempt that was counted in advance and turned out good (a login that succeeded). */
    public Future<Void> uncount(Policy policy, String key) {
        return SqlTemplate.forUpdate(pool, AttemptsSql.UNCOUNT).execute(params(policy, key, clock.instant())).mapEmpty();
    }

    /** Forgets the key's attempts, e.g. after a good login. */
    public Future<Void> forget(Policy policy, String key) {
        return SqlTemplate.forUpdate(pool, AttemptsSql.FORGET).execute(params(policy, key, clock.instant())).mapEmpty();
    }

    /** What counting found: how long the key must still wait (zero when the attempt was counted), and its hold now. */
    private record Counted(int attempts, Duration stillToWait, Duration hold) {
    }

    private Future<Counted> counted(Policy policy, String key, boolean evenWhenHeld) {
        Instant now = clock.instant();
        Map<String, Object> params = params(policy, key, now);
        params.put("expiresAt", UtcTimes.column(now.plus(policy.forgetAfter())));
        return Transactions.within(pool, tx -> SqlTemplate.forUpdate(tx, AttemptsSql.LOCK).execute(params)
                        .compose(v -> SqlTemplate.forQuery(tx, AttemptsSql.ATTEMPTS).execute(params))
                        .compose(rows -> {
                            Row row = rows.iterator().next();
                            int attempts = row.getInteger("attempts");
                            Instant heldUntil = UtcTimes.instant(row.getLocalDateTime("held_until"));
                            if (!evenWhenHeld && heldUntil != null && heldUntil.isAfter(now)) {
                                Duration wait = Duration.between(now, heldUntil);
                                return Future.succeededFuture(new Counted(attempts, wait, wait));
                            }
                            return hold(tx, policy, params, now, attempts + 1, heldUntil);
                        }))
                .compose(counted -> counted.attempts() == 1 && counted.stillToWait().isZero()
                        ? bound(now).map(counted) : Future.succeededFuture(counted));
    }

    /**
     * Stores the new count and its hold. An attempt that earns no hold leaves the hold as it was,
     * so that an instance whose clock runs ahead of the others does not, by writing its own "now",
     * hold back a key that should go ahead.
     */
    private static Future<Counted> hold(SqlClient tx, Policy policy, Map<String, Object> params, Instant now,
                                        int attempts, Instant heldBefore) {
        Duration hold = policy.holdAfter(attempts);
        Instant heldUntil = hold.isZero() ? heldBefore : now.plus(hold);
        Instant from = heldUntil != null && heldUntil.isAfter(now) ? heldUntil : now;
        Map<String, Object> update = new HashMap<>(params);
        update.put("attempts", attempts);
        update.put("heldUntil", UtcTimes.column(heldUntil));
        update.put("expiresAt", UtcTimes.column(from.plus(policy.forgetAfter())));
        return SqlTemplate.forUpdate(tx, AttemptsSql.HOLD).execute(update)
                .map(v -> new Counted(attempts, Duration.ZERO, hold));
    }

    /** Run when a counter starts: keeps the table within {@code maxRows}. */
    private Future<Void> bound(Instant now) {
        return SqlTemplate.forUpdate(pool, AttemptsSql.PURGE_EXPIRED).execute(Map.of("now", UtcTimes.column(now)))
                .compose(v -> SqlTemplate.forQuery(pool, AttemptsSql.ROWS).execute(Map.of()))
                .compose(rows -> {
                    long excess = rows.iterator().next().getLong("n") - maxRows;
                    return excess <= 0 ? Future.succeededFuture()
                            : SqlTemplate.forUpdate(pool, AttemptsSql.EVICT_SOONEST).execute(Map.of("excess", excess))
                            .mapEmpty();
                });
    }

    private static Map<String, Object> params(Policy policy, String key, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("kind", policy.kind());
        params.put("key", sha256(key));
        params.put("now", UtcTimes.column(now));
        return params;
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
