package dev.switchboard.callbacks;

import dev.switchboard.store.Transactions;
import dev.switchboard.accounts.CallerNumber;
import dev.switchboard.cases.CaseStore;
import dev.switchboard.config.CallbacksConfig;
import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Callbacks callers ask for in the IVR instead of waiting: each keeps the caller's place in its
 * queue (the time they started waiting), is placed in that order, and is tried again when the
 * customer does not answer, up to {@link CallbacksConfig#attempts()} times. Every try is noted
 * on the caller's open case.
 */
public final class CallbackQueue {

    private static final Logger log = LoggerFactory.getLogger(CallbackQueue.class);

    /** A callback as the IVR asks for it; {@code queuedAt} is when the caller's wait began. */
    public record Request(String queue, String callerNumber, String accountNumber, Instant queuedAt) {
    }

    /** What became of a request: booked, or refused and why. */
    public sealed interface Booking permits Booked, Refused {
    }

    /** The booked callback and how many callbacks of its queue come before it. */
    public record Booked(long id, long ahead) implements Booking {
    }

    /**
     * Not booked: {@code no-number} (withheld, not a phone number), else a {@link CallbackNumbers}
     * refusal ({@code premium-rate}, {@code number-not-allowed}).
     */
    public record Refused(String reason) implements Booking {
        public static final String NO_NUMBER = "no-number";
    }

    /** A callback ready to be placed. */
    record Due(long id, String queue, Instant requestedAt, String phone, String accountNumber, int attempts) {
    }

    /** What became of one try, once the customer's phone was dialled. */
    public record Attempt(long id, String status, String outcome, int attempts) {
    }

    private final Pool pool;
    private final CaseStore cases;
    private final CallbacksConfig config;
    private final String defaultCountry;
    private final CallbackNumbers numbers;
    private final Clock clock;

    public CallbackQueue(Pool pool, CaseStore cases, CallbacksConfig config, String defaultCountry, Clock clock) {
        this.pool = pool;
        this.cases = cases;
        this.config = config;
        this.defaultCountry = defaultCountry;
        this.numbers = CallbackNumbers.of(config, defaultCountry);
        this.clock = clock;
    }

    /**
     * Books a callback, unless the number cannot be called back (withheld, not a phone number) or
     * may not be ({@link CallbackNumbers}). Asking twice from one number for one queue books it once.
     */
    public Future<Booking> request(Request request) {
        Optional<String> phone = CallerNumber.of(request.callerNumber(), defaultCountry).e164();
        if (phone.isEmpty()) {
            return Future.succeededFuture(new Refused(Refused.NO_NUMBER));
        }
        Optional<CallbackNumbers.Refusal> refusal = numbers.refusal(phone.get());
        if (refusal.isPresent()) {
            return Future.succeededFuture(new Refused(refusal.get().code()));
        }
        Instant now = clock.instant();
        Instant place = request.queuedAt() != null && request.queuedAt().isBefore(now)
                && request.queuedAt().isAfter(now.minus(Duration.ofDays(1))) ? request.queuedAt() : now;
        Map<String, Object> p = new HashMap<>();
        p.put("phone", phone.get());
        p.put("queue", request.queue());
        p.put("account", request.accountNumber());
        p.put("requestedAt", UtcTimes.column(place));
        return Transactions.within(pool, client -> SqlTemplate.forQuery(client, CallbacksSql.OPEN_FOR_PHONE).execute(p)
                .compose(open -> {
                    if (open.size() > 0) {
                        Row r = open.iterator().next();
                        p.put("requestedAt", r.getLocalDateTime("requested_at"));
                        return Future.succeededFuture(r.getLong("id"));
                    }
                    return SqlTemplate.forQuery(client, CallbacksSql.INSERT_FROM_IVR).execute(p)
                            .map(rows -> rows.iterator().next().getLong("id"));
                })
                .compose(id -> {
                    p.put("id", id);
                    return SqlTemplate.forQuery(client, CallbacksSql.AHEAD).execute(p)
                            .map(rows -> (Booking) new Booked(id, rows.iterator().next().getLong("ahead")));
                }));
    }

    /**
     * Callbacks whose time has come, oldest request first. One whose number callbacks may not dial
     * (booked before {@link CallbackNumbers} or under a wider setting) is never placed: it fails with
     * the reason as its outcome.
     */
    Future<List<Due>> due() {
        return SqlTemplate.forQuery(pool, CallbacksSql.DUE).execute(Map.of("now", UtcTimes.column(clock.instant())))
                .compose(rows -> {
                    List<Due> due = new ArrayList<>();
                    List<Future<?>> refused = new ArrayList<>();
                    rows.forEach(r -> {
                        Due callback = new Due(r.getLong("id"), r.getString("queue_name"),
                                UtcTimes.instant(r.getLocalDateTime("requested_at")), r.getString("phone_e164"),
                                r.getString("account_number"), r.getInteger("attempts"));
                        numbers.refusal(callback.phone()).ifPresentOrElse(
                                refusal -> refused.add(refuse(callback.id(), refusal)), () -> due.add(callback));
                    });
                    return Future.all(refused).map(due);
                });
    }

    private Future<?> refuse(long id, CallbackNumbers.Refusal refusal) {
        log.warn("Callback {} is not placed: its number is refused ({})", id, refusal.code());
        return SqlTemplate.forUpdate(pool, CallbacksSql.REFUSE).execute(Map.of("id", id, "outcome", refusal.code()));
    }

    /** Marks the callback as being placed through this agent; false if someone else took it. */
    Future<Boolean> claim(long id, String agentInterface, String actionId) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("agent", agentInterface);
        p.put("actionId", actionId);
        p.put("now", UtcTimes.column(clock.instant()));
        return SqlTemplate.forUpdate(pool, CallbacksSql.CLAIM).execute(p).map(r -> r.rowCount() == 1);
    }

    /** The agent did not take it: back to waiting, at its place, no try counted. */
    Future<Void> release(String actionId) {
        return SqlTemplate.forUpdate(pool, CallbacksSql.RELEASE).execute(Map.of("actionId", actionId)).mapEmpty();
    }

    /** Callbacks stuck in 'calling' for longer than {@code age} wait again; how many. */
    Future<Integer> releaseStale(Duration age) {
        return SqlTemplate.forUpdate(pool, CallbacksSql.RELEASE_STALE)
                .execute(Map.of("before", UtcTimes.column(clock.instant().minus(age)))).map(r -> r.rowCount());
    }

    /**
     * Records how dialling the customer went ({@code dialStatus} as Asterisk's Dial sets it):
     * ANSWER → done; CANCEL or nothing (the agent hung up before or while the customer's phone
     * rang) → waits again without counting; anything
     * else → another try after the retry delay, or failed after the last. Noted on the case.
     * Empty when the callback is unknown or not being placed.
     */
    public Future<Optional<Attempt>> customerOutcome(long id, String dialStatus) {
        String status = dialStatus == null ? "" : dialStatus.trim().toUpperCase(Locale.ROOT);
        Instant now = clock.instant();
        return Transactions.within(pool, client -> SqlTemplate.forQuery(client, CallbacksSql.LOCK_ATTEMPT)
                .execute(Map.of("id", id)).compose(rows -> {
                    if (rows.size() == 0 || !"calling".equals(rows.iterator().next().getString("status"))) {
                        return Future.succeededFuture(Optional.<Attempt>empty());
                    }
                    Row r = rows.iterator().next();
                    if (status.equals("CANCEL") || status.isEmpty()) {
                        return SqlTemplate.forUpdate(client, CallbacksSql.RELEASE_BY_ID).execute(Map.of("id", id))
                                .map(v -> Optional.of(new Attempt(id, "pending", null, r.getInteger("attempts"))));
                    }
                    int attempts = r.getInteger("attempts") + 1;
                    boolean answered = status.equals("ANSWER");
                    String next = answered ? "done" : attempts >= config.attempts() ? "failed" : "pending";
                    String outcome = answered ? "answered" : outcomeOf(status);
                    Map<String, Object> p = new HashMap<>();
                    p.put("id", id);
                    p.put("status", next);
                    p.put("outcome", outcome);
                    p.put("nextAttemptAt", next.equals("pending") ? UtcTimes.column(now.plus(config.retryDelay())) : null);
                    p.put("connectedAt", answered ? UtcTimes.column(now) : null);
                    Attempt attempt = new Attempt(id, next, outcome, attempts);
                    Future<Void> recorded = SqlTemplate.forUpdate(client, CallbacksSql.RECORD_ATTEMPT).execute(p).mapEmpty();
                    Long caseId = r.getValue("case_id") == null ? null : r.getLong("case_id");
                    if (caseId == null) {
                        return recorded.map(Optional.of(attempt));
                    }
                    String note = "callback " + id + ", try " + attempts + " of " + config.attempts() + " by "
                            + r.getString("agent_interface") + ": " + outcome
                            + (next.equals("pending") ? ", next try after " + config.retryDelay().toSeconds() + " s"
                            : next.equals("failed") ? ", given up" : "");
                    return recorded.compose(v -> cases.systemNoteWithin(client, caseId, "system", "callback", note))
                            .map(Optional.of(attempt));
                }));
    }

    private static String outcomeOf(String dialStatus) {
        return switch (dialStatus) {
            case "BUSY" -> "busy";
            case "NOANSWER" -> "no-answer";
            case "CONGESTION", "CHANUNAVAIL" -> "unreachable";
            default -> "failed";
        };
    }
}
