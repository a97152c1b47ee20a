package dev.switchboard.bench;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Locale;

/** Latency figures of one series, in milliseconds. */
record Percentiles(int count, double p50, double p95, double p99, double max) {

    static Percentiles ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, ms(at(sorted, 0.50)), ms(at(sorted, 0.95)), ms(at(sorted, 0.99)),
                ms(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile. */
    private static long at(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    JsonObject toJson() {
        return new JsonObject().put("count", count).put("p50Ms", p50).put("p95Ms", p95).put("p99Ms", p99)
                .put("maxMs", max);
    }

    String row() {
        return String.format(Locale.ROOT, "%d | %.2f | %.2f | %.2f | %.2f", count, p50, p95, p99, max);
    }
}
