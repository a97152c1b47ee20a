package dev.switchboard.accounts;

import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One search box for accounts. The text is tried as each kind of key it could be (see
 * {@link SearchKeys}), each through its own index and bounded by the limit, side by side; the
 * results come best match first: the account number, then the phone number, the postcode, the
 * name, the street. Each result has the account's phones, its service address and its open cases.
 */
public final class AccountSearch {

    private static final int OPEN_CASES_SHOWN = 5;

    private final Pool pool;
    private final String defaultCountry;

    public AccountSearch(Pool pool, String defaultCountry) {
        this.pool = pool;
        this.defaultCountry = defaultCountry;
    }

    public Future<JsonArray> search(String query, int limit) {
        SearchKeys keys = SearchKeys.of(query, defaultCountry);
        Future<List<Long>> byNumber = ids(keys.accountNumber(), AccountsSql.SEARCH_BY_NUMBER, "number", limit);
        Future<List<Long>> byPhone = ids(keys.e164(), AccountsSql.SEARCH_BY_PHONE, "e164", limit);
        Future<List<Long>> byPostcode = ids(keys.postcodePrefix(), AccountsSql.SEARCH_BY_POSTCODE, "prefix", limit);
        Future<List<Long>> byName = byName(keys.nameWordPrefixes(), limit);
        Future<List<Long>> byStreet = ids(keys.streetPrefix(), AccountsSql.SEARCH_BY_STREET, "prefix", limit);
        return Future.all(byNumber, byPhone, byPostcode, byName, byStreet).compose(all -> {
            Map<Long, String> found = new LinkedHashMap<>();
            add(found, byNumber.result(), "accountNumber", limit);
            add(found, byPhone.result(), "phone", limit);
            add(found, byPostcode.result(), "postcode", limit);
            add(found, byName.result(), "name", limit);
            add(found, byStreet.result(), "street", limit);
            return results(found);
        });
    }

    private static void add(Map<Long, String> found, List<Long> ids, String matchedBy, int limit) {
        for (Long id : ids) {
            if (found.size() >= limit) {
                return;
            }
            found.putIfAbsent(id, matchedBy);
        }
    }

    private Future<List<Long>> ids(Optional<String> key, String sql, String parameter, int limit) {
        if (key.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return ids(sql, Map.of(parameter, key.get(), "limit", limit));
    }

    private Future<List<Long>> byName(List<String> wordPrefixes, int limit) {
        if (wordPrefixes.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < wordPrefixes.size(); i++) {
            parameters.put("w" + i, wordPrefixes.get(i));
        }
        parameters.put("limit", limit);
        return ids(AccountsSql.nameSearch(wordPrefixes.size()), parameters);
    }

    private Future<List<Long>> ids(String sql, Map<String, Object> parameters) {
        return SqlTemplate.forQuery(pool, sql).execute(parameters).map(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getLong("id")));
            return ids;
        });
    }

    /** The found accounts in the order found, each with phones, address and open cases. */
    private Future<JsonArray> results(Map<Long, String> found) {
        if (found.isEmpty()) {
            return Future.succeededFuture(new JsonArray());
        }
        Map<String, Object> ids = new HashMap<>();
        List<Long> order = new ArrayList<>(found.keySet());
        for (int i = 0; i < order.size(); i++) {
            ids.put("id" + i, order.get(i));
        }
        Future<RowSet<Row>> accounts = SqlTemplate.forQuery(pool, AccountsSql.accountsIn(order.size())).execute(ids);
        Future<RowSet<Row>> phones = SqlTemplate.forQuery(pool, AccountsSql.phonesIn(order.size())).execute(ids);
        Future<RowSet<Row>> cases = SqlTemplate.forQuery(pool, AccountsSql.openCasesIn(order.size())).execute(ids);
        return Future.all(accounts, phones, cases).map(all -> {
            Map<Long, JsonObject> byId = new HashMap<>();
            accounts.result().forEach(r -> byId.put(r.getLong("id"), new JsonObject().put("id", r.getLong("id"))
                    .put("accountNumber", r.getString("account_number")).put("name", r.getString("name"))
                    .put("email", r.getString("email")).put("status", r.getString("status"))
                    .put("matchedBy", found.get(r.getLong("id"))).put("phones", new JsonArray())
                    .put("address", r.getString("line1") == null ? null : address(r))
                    .put("openCases", new JsonArray())));
            phones.result().forEach(r -> byId.get(r.getLong("account_id")).getJsonArray("phones").add(phone(r)));
            cases.result().forEach(r -> {
                JsonArray open = byId.get(r.getLong("account_id")).getJsonArray("openCases");
                if (open.size() < OPEN_CASES_SHOWN) {
                    open.add(openCase(r));
                }
            });
            JsonArray results = new JsonArray();
            order.stream().map(byId::get).filter(a -> a != null).forEach(results::add);
            return results;
        });
    }

    static JsonObject phone(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("e164", r.getString("e164"))
                .put("kind", r.getString("kind")).put("shared", r.getBoolean("shared"));
    }

    private static JsonObject address(Row r) {
        return new JsonObject().put("line1", r.getString("line1")).put("line2", r.getString("line2"))
                .put("city", r.getString("city")).put("postcode", r.getString("postcode"))
                .put("regionCode", r.getString("region_code")).put("region", r.getString("region"));
    }

    private static JsonObject openCase(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("category", r.getString("category"))
                .put("priority", r.getString("priority")).put("status", r.getString("status"))
                .put("createdAt", UtcTimes.text(r.getLocalDateTime("created_at")));
    }
}
