package dev.switchboard.bench;

import io.vertx.core.http.HttpMethod;
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
 * answer read.
 */
final class SearchBench {

    private static final Logger log = LoggerFactory.getLogger(SearchBench.class);
    private static final int SAMPLED_ACCOUNTS = 200;

    private SearchBench() {
    }

    static Percentiles measure(BenchRig rig, String token, int queries) throws Exception {
        List<String> keys = keys(rig, new Random(7));
        for (int i = 0; i < Math.max(50, queries / 5); i++) {
            search(rig, token, keys.get(i % keys.size()));
        }
        long[] nanos = new long[queries];
        for (int i = 0; i < queries; i++) {
            long start = System.nanoTime();
            search(rig, token, keys.get(i % keys.size()));
            nanos[i] = System.nanoTime() - start;
        }
        Percentiles result = Percentiles.ofNanos(nanos);
        log.info("Search: {} queries over {} keys: {}", queries, keys.size(), result.toJson());
        return result;
    }

    private static void search(BenchRig rig, String token, String q) {
        BenchRig.Answer answer = rig.request(HttpMethod.GET, "/api/accounts?limit=20&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8), token, null).await();
        if (answer.status() != 200) {
            throw new BenchPartFailed("search for '" + q + "' answered " + answer.status() + ": " + answer.body());
        }
    }

    /** Search keys of accounts drawn at random, each kind in turn. */
    private static List<String> keys(BenchRig rig, Random random) throws Exception {
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
        List<String> keys = new ArrayList<>();
        for (List<String> row : rows) {
            keys.add(row.get(0));
            if (row.get(2) != null) {
                keys.add(row.get(2));
                keys.add("00" + row.get(2).substring(1));
            }
            String[] words = row.get(1).split(" ");
            String word = words[random.nextInt(words.length)];
            keys.add(word.substring(0, Math.min(3, word.length())));
            if (row.get(3) != null) {
                keys.add(row.get(3));
                keys.add(row.get(4));
            }
        }
        if (keys.isEmpty()) {
            throw new BenchPartFailed("no accounts to search for");
        }
        return keys;
    }
}
