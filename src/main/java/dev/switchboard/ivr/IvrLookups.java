package dev.switchboard.ivr;

import dev.switchboard.accounts.CallerNumber;
import dev.switchboard.store.Constraints;
import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IVR's questions to the database. Input from callers is checked before it is used: account
 * numbers are 4–12 digits, nothing else reaches a query.
 */
final class IvrLookups {

    static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{4,12}");

    /** An account as the IVR tells it to the caller and the agent. */
    record Account(String number, String name) {
    }

    /** The status of the caller's open case. */
    record CaseStatus(long caseId, String status) {
    }

    /** A booked visit's arrival window. */
    record Visit(Instant startsAt, Instant endsAt) {
    }

    private final Pool pool;
    private final String defaultCountry;
    private final Clock clock;

    IvrLookups(Pool pool, String defaultCountry, Clock clock) {
        this.pool = pool;
        this.defaultCountry = defaultCountry;
        this.clock = clock;
    }

    /** The one account whose phone number this caller ID is; empty if none or several. */
    Future<Optional<Account>> byCallerId(String callerId) {
        Optional<String> e164 = CallerNumber.of(callerId, defaultCountry).e164();
        if (e164.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return SqlTemplate.forQuery(pool, IvrSql.ACCOUNTS_BY_PHONE).execute(Map.of("e164", e164.get()))
                .map(rows -> rows.size() == 1 ? Optional.of(account(rows.iterator().next())) : Optional.empty());
    }

    /** The account with these keyed-in digits; empty for unknown numbers and anything not 4–12 digits. */
    Future<Optional<Account>> byAccountNumber(String digits) {
        if (digits == null || !ACCOUNT_NUMBER.matcher(digits).matches()) {
            return Future.succeededFuture(Optional.empty());
        }
        return SqlTemplate.forQuery(pool, IvrSql.ACCOUNT_BY_NUMBER).execute(Map.of("number", digits))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(account(rows.iterator().next())));
    }

    Future<Optional<CaseStatus>> openCase(String accountNumber) {
        if (accountNumber == null || !ACCOUNT_NUMBER.matcher(accountNumber).matches()) {
            return Future.succeededFuture(Optional.empty());
        }
        return SqlTemplate.forQuery(pool, IvrSql.OPEN_CASE).execute(Map.of("number", accountNumber))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new CaseStatus(
                        rows.iterator().next().getLong("id"), rows.iterator().next().getString("status"))));
    }

    Future<Optional<Visit>> nextVisit(String accountNumber) {
        if (accountNumber == null || !ACCOUNT_NUMBER.matcher(accountNumber).matches()) {
            return Future.succeededFuture(Optional.empty());
        }
        return SqlTemplate.forQuery(pool, IvrSql.NEXT_VISIT).execute(Map.of("number", accountNumber,
                "now", UtcTimes.column(clock.instant()))).map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new Visit(UtcTimes.instant(r.getLocalDateTime("starts_at")),
                            UtcTimes.instant(r.getLocalDateTime("ends_at"))));
                });
    }

    /** Stores a post-call score for the call; false if the call was already rated. */
    Future<Boolean> rateCall(String linkedid, String accountNumber, String agent, int score) {
        Map<String, Object> p = new HashMap<>();
        p.put("linkedid", linkedid);
        p.put("account", accountNumber == null || !ACCOUNT_NUMBER.matcher(accountNumber).matches() ? null : accountNumber);
        p.put("agent", agent == null || agent.isEmpty() ? null : agent);
        p.put("score", score);
        p.put("now", UtcTimes.column(clock.instant()));
        return SqlTemplate.forUpdate(pool, IvrSql.INSERT_CALL_SURVEY).execute(p).map(r -> true)
                .recover(e -> Constraints.violated(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
    }

    private static Account account(Row row) {
        return new Account(row.getString("account_number"), row.getString("name"));
    }
}
