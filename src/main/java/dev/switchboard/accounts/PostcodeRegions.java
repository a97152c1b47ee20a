package dev.switchboard.accounts;

import dev.switchboard.store.Transactions;
import dev.switchboard.web.ValidationException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which region's engineers visit a postcode: the table {@code postcode_regions} of postcode
 * prefixes (capitals, no spaces), the longest matching prefix winning — "SW1A" before "SW".
 * Admins replace the table as a whole.
 */
public final class PostcodeRegions {

    /** A region found for an address: its id and code. */
    public record Region(int id, String code) {
    }

    private final Pool pool;

    public PostcodeRegions(Pool pool) {
        this.pool = pool;
    }

    /** The postcode as the table keys it: capitals, no spaces. */
    public static String key(String postcode) {
        return postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    /**
     * The region of an address: the one named ({@code field} "must be a region code" if unknown),
     * else the one its postcode maps to ("no region for this postcode" if none does).
     */
    Future<Region> regionOf(SqlClient client, AddressEntry address, String field) {
        if (address.regionCode() != null) {
            return SqlTemplate.forQuery(client, AccountsSql.REGION_BY_CODE).execute(Map.of("code", address.regionCode()))
                    .map(rows -> {
                        if (rows.size() == 0) {
                            throw new ValidationException(Map.of(field + ".region", "is not a region code"));
                        }
                        return new Region(rows.iterator().next().getInteger("id"), address.regionCode());
                    });
        }
        String key = key(address.postcode());
        Map<String, Object> prefixes = new HashMap<>();
        for (int i = 0; i < key.length(); i++) {
            prefixes.put("p" + i, key.substring(0, i + 1));
        }
        return SqlTemplate.forQuery(client, AccountsSql.regionOfPrefixes(key.length())).execute(prefixes).map(rows -> {
            if (rows.size() == 0) {
                throw new ValidationException(Map.of(field + ".region", "is needed: no region is known for postcode "
                        + address.postcode() + " (give one, or have an admin add it to the postcode regions)"));
            }
            return new Region(rows.iterator().next().getInteger("id"), rows.iterator().next().getString("code"));
        });
    }

    /** The table, as {@code [{"prefix": "SW1", "region": "london"}, ...]} by prefix. */
    public Future<JsonArray> table() {
        return SqlTemplate.forQuery(pool, AccountsSql.POSTCODE_REGIONS).execute(Map.of()).map(rows -> {
            JsonArray table = new JsonArray();
            rows.forEach(r -> table.add(new JsonObject().put("prefix", r.getString("prefix"))
                    .put("region", r.getString("region"))));
            return table;
        });
    }

    /** Replaces the table; an unknown region or a bad prefix refuses the whole of it (422). */
    public Future<JsonArray> replace(List<JsonObject> entries) {
        Map<String, String> byPrefix = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonObject entry = entries.get(i);
            String prefix = entry.getValue("prefix") instanceof String s ? key(s) : "";
            String region = entry.getValue("region") instanceof String s ? s.trim() : "";
            if (!prefix.matches("[A-Z0-9]{1,16}")) {
                problems.put("[" + i + "].prefix", "must be 1 to 16 letters and digits");
            } else if (byPrefix.put(prefix, region) != null) {
                problems.put("[" + i + "].prefix", "is given twice");
            }
            if (region.isEmpty()) {
                problems.put("[" + i + "].region", "is required");
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return Transactions.within(pool, client -> SqlTemplate.forUpdate(client, AccountsSql.CLEAR_POSTCODE_REGIONS)
                .execute(Map.of()).compose(cleared -> insertAll(client, byPrefix))).compose(v -> table());
    }

    private static Future<Void> insertAll(SqlClient client, Map<String, String> byPrefix) {
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, String> entry : byPrefix.entrySet()) {
            chain = chain.compose(v -> SqlTemplate.forUpdate(client, AccountsSql.INSERT_POSTCODE_REGION)
                    .execute(Map.of("prefix", entry.getKey(), "region", entry.getValue())).map(result -> {
                        if (result.rowCount() == 0) {
                            throw new ValidationException(Map.of("region", "'" + entry.getValue()
                                    + "' (for prefix " + entry.getKey() + ") is not a region code"));
                        }
                        return null;
                    }));
        }
        return chain;
    }
}
