package dev.switchboard.bench;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Account search latency on the seeded book: {@code GET /api/accounts?q=} for keys taken from
 * accounts drawn at random — the account number, the phone number written with {@code +} and
 * with {@code 00}, the first three letters of a name word, the postcode, the street without its
 * house number — in turn, one request at a time after a warm-up; timed from sending to the whole
 * answer read. A search by account number or phone number must find the account it was drawn from.
 */
final class SearchBench {

    private static final Logger log = LoggerFactory.getLogger(SearchBench.class);
    private static final int SAMPLED_ACCOUNTS = 200;

    /** The timings; of {@code exactSearches} by account or phone number, {@code missed} did not find their account. */
    record Result(Percentiles latency, int exactSearches, int missed) {
    }

    /** One search: the text, and the account it must find (null: a prefix, it may find others first). */
    private record Key(String q, String mustFind) {
    }

    private SearchBench() {
    }

    static Result measure(BenchRig rig, String token, int queries) throws Exception {
        List<Key> keys = keys(rig, new Random(7));
        for (int i = 0; i < Math.max(50, queries / 5); i++) {
            search(rig, token, keys.get(i % keys.size()));
        }
        long[] nanos = new long[queries];
        int exact = 0;
        int missed = 0;
        for (int i = 0; i < queries; i++) {
            Key key = keys.get(i % keys.size());
            long start = System.nanoTime();
            JsonArray found = search(rig, token, key);
            nanos[i] = System.nanoTime() - start;
            if (key.mustFind() != null) {
                exact++;
                missed += found.stream().anyMatch(a -> key.mustFind().equals(((JsonObject) a).getString("accountNumber")))
                        ? 0 : 1;
            }
        }
        Result result = new Result(Percentiles.ofNanos(nanos), exact, missed);
        log.info("Search: {} queries over {} keys: {}; {} of {} exact searches missed their account", queries,
                keys.size(), result.latency().toJson(), missed, exact);
        return result;
    }

    private static JsonArray search(BenchRig rig, String token, Key key) {
        BenchRig.Answer answer = rig.request(HttpMethod.GET, "/api/accounts?limit=20&q="
                + URLEncoder.encode(key.q(), StandardCharsets.UTF_8), token, null).await();
        if (answer.status() != 200) {
            throw new BenchPartFailed("search for '" + key.q() + "' answered " + answer.status() + ": " + answer.body());
        }
        return answer.body().toJsonArray();
    }

    /** Search keys of accounts drawn at random, each kind in turn. */
    private static List<Key> keys(BenchRig rig, Random random) throws Exception {
        long first = rig.sql.count("SELECT MIN(id) FROM accounts");
        long last = rig.sql.count("SELECT MAX(id) FROM accounts");
        StringJoiner ids = new StringJoiner(", ");
        for (int i = 0; i < SAMPLED_ACCOUNTS; i++) {
            ids.add(String.valueOf(first + (long) (random.nextDouble() * (last - first + 1))));
        }
        List<List<String>> rows = rig.sql.rows("""
                SELECT a.account_number, a.name,
                       (SELECT p.e164 FROM account_phones p WHERE p.account_id = a.id ORDER BY p.id LIMIT 1),
                       (SELECT s.postcode FROM service_addresses s WHERE s.account_id = a.id ORDER BY s.id LIMIT 1),
                       (SELECT s.street_key FROM service_addresses s WHERE s.account_id = a.id ORDER BY s.id LIMIT 1)
                  FROM accounts a WHERE a.id IN (""" + ids + ")");
        List<Key> keys = new ArrayList<>();
        for (List<String> row : rows) {
            String number = row.get(0);
            keys.add(new Key(number, number));
            if (row.get(2) != null) {
                keys.add(new Key(row.get(2), number));
                keys.add(new Key("00" + row.get(2).substring(1), number));
            }
            String[] words = row.get(1).split(" ");
            String word = words[random.nextInt(words.length)];
            keys.add(new Key(word.substring(0, Math.min(3, word.length())), null));
            if (row.get(3) != null) {
                keys.add(new Key(row.get(3), null));
                keys.add(new Key(row.get(4), null));
            }
        }
        if (keys.isEmpty()) {
            throw new BenchPartFailed("no accounts to search for");
        }
        return keys;
    }
}
