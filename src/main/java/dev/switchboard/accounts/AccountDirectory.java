package dev.switchboard.accounts;

import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds accounts by account number or phone number and gathers what an agent needs to see at
 * once: details, open cases, the next booked visit, the last ten things that happened (cases,
 * visits with the engineer's outcome, previous calls) and the last satisfaction score. Each part
 * is one indexed, bounded query; they run side by side.
 */
public final class AccountDirectory {

    /** At most this many accounts are offered to choose from when a number is shared. */
    public static final int MAX_CANDIDATES = 5;
    private static final int HISTORY = 10;

    private final Pool pool;
    private final Clock clock;

    public AccountDirectory(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Future<Optional<JsonObject>> byAccountNumber(String number) {
        return query(AccountsSql.BY_NUMBER, Map.of("number", number))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(summary(rows.iterator().next())));
    }

    /** Up to {@link #MAX_CANDIDATES} + 1 accounts with this number (one more tells "there are more"). */
    public Future<List<JsonObject>> byPhone(String e164) {
        return query(AccountsSql.BY_PHONE, Map.of("e164", e164, "limit", MAX_CANDIDATES + 1)).map(rows -> {
            List<JsonObject> accounts = new ArrayList<>();
            rows.forEach(row -> accounts.add(summary(row)));
            return accounts;
        });
    }

    /** The account a case is for; empty if there is no such case. */
    public Future<Optional<Long>> accountOfCase(long caseId) {
        return query(AccountsSql.ACCOUNT_OF_CASE, Map.of("case", caseId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("account_id")));
    }

    /** Everything the pop shows about one account; {@code currentCall} is left out of the history. */
    public Future<JsonObject> profile(long accountId, String currentCall) {
        Map<String, Object> account = new HashMap<>();
        account.put("account", accountId);
        account.put("now", UtcTimes.column(clock.instant()));
        account.put("currentCall", currentCall == null ? "" : currentCall);
        Future<RowSet<Row>> details = query(AccountsSql.DETAILS, account);
        Future<RowSet<Row>> phones = query(AccountsSql.PHONES, account);
        Future<RowSet<Row>> openCases = query(AccountsSql.OPEN_CASES, account);
        Future<RowSet<Row>> nextVisit = query(AccountsSql.NEXT_VISIT, account);
        Future<RowSet<Row>> cases = query(AccountsSql.RECENT_CASES, account);
        Future<RowSet<Row>> visits = query(AccountsSql.RECENT_VISITS, account);
        Future<RowSet<Row>> calls = query(AccountsSql.RECENT_CALLS, account);
        Future<RowSet<Row>> csat = query(AccountsSql.LAST_CSAT, account);
        return Future.all(List.of(details, phones, openCases, nextVisit, cases, visits, calls, csat)).map(all -> {
            if (details.result().size() == 0) {
                return new JsonObject().put("id", accountId).put("missing", true);
            }
            Row d = details.result().iterator().next();
            JsonObject profile = summary(d).put("version", d.getInteger("version"))
                    .put("address", d.getString("line1") == null ? null : new JsonObject()
                            .put("line1", d.getString("line1")).put("line2", d.getString("line2"))
                            .put("city", d.getString("city")).put("postcode", d.getString("postcode"))
                            .put("regionCode", d.getString("region_code")).put("region", d.getString("region")));
            JsonArray phoneList = new JsonArray();
            phones.result().forEach(r -> phoneList.add(new JsonObject().put("id", r.getLong("id"))
                    .put("e164", r.getString("e164")).put("kind", r.getString("kind"))
                    .put("shared", r.getBoolean("shared"))));
            JsonArray open = new JsonArray();
            openCases.result().forEach(r -> open.add(new JsonObject().put("id", r.getLong("id"))
                    .put("category", r.getString("category")).put("priority", r.getString("priority"))
                    .put("status", r.getString("status")).put("createdAt", text(r, "created_at"))));
            JsonObject visit = null;
            if (nextVisit.result().size() > 0) {
                Row v = nextVisit.result().iterator().next();
                visit = new JsonObject().put("id", v.getLong("id")).put("caseId", v.getLong("case_id"))
                        .put("startsAt", text(v, "starts_at")).put("endsAt", text(v, "ends_at"))
                        .put("engineer", v.getString("engineer"));
            }
            JsonObject lastCsat = null;
            if (csat.result().size() > 0) {
                Row c = csat.result().iterator().next();
                lastCsat = new JsonObject().put("score", c.getInteger("score")).put("at", text(c, "answered_at"));
            }
            return profile.put("phones", phoneList).put("openCases", open).put("nextVisit", visit)
                    .put("history", history(cases.result(), visits.result(), calls.result()))
                    .put("lastCsat", lastCsat);
        });
    }

    /** The last ten cases, visits and calls, newest first. */
    private static JsonArray history(RowSet<Row> cases, RowSet<Row> visits, RowSet<Row> calls) {
        List<JsonObject> items = new ArrayList<>();
        cases.forEach(r -> items.add(new JsonObject().put("kind", "case").put("at", text(r, "created_at"))
                .put("caseId", r.getLong("id")).put("category", r.getString("category"))
                .put("status", r.getString("status")).put("closedAt", text(r, "closed_at"))));
        visits.forEach(r -> items.add(new JsonObject().put("kind", "visit").put("at", text(r, "starts_at"))
                .put("visitId", r.getLong("id")).put("caseId", r.getLong("case_id"))
                .put("status", r.getString("status")).put("outcome", r.getString("outcome"))
                .put("engineer", r.getString("engineer"))));
        calls.forEach(r -> items.add(new JsonObject().put("kind", "call").put("at", text(r, "started_at"))
                .put("linkedid", r.getString("linkedid")).put("queue", r.getString("queue_name"))
                .put("outcome", r.getString("outcome")).put("agent", r.getString("agent_member_name"))));
        items.sort(Comparator.comparing((JsonObject item) -> item.getString("at")).reversed());
        return new JsonArray(new ArrayList<>(items.subList(0, Math.min(HISTORY, items.size()))));
    }

    private static JsonObject summary(Row row) {
        return new JsonObject().put("id", row.getLong("id")).put("accountNumber", row.getString("account_number"))
                .put("name", row.getString("name")).put("email", row.getString("email"))
                .put("status", row.getString("status"));
    }

    private Future<RowSet<Row>> query(String sql, Map<String, Object> parameters) {
        return SqlTemplate.forQuery(pool, sql).execute(parameters);
    }

    private static String text(Row row, String column) {
        return UtcTimes.text(row.getLocalDateTime(column));
    }

}
