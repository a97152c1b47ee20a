package dev.switchboard.testing;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The figures of each queue computed from queue_log lines alone, independently of Switchboard, by
 * the definitions of DESIGN.md: what {@code GET /api/queues} must give for the same calls.
 */
public final class QueueLogFigures {

    /** Abandons shorter than this are not counted against the service level (the default target's S). */
    public static final int SHORT_ABANDON = 5;

    /** The figures of one queue. */
    public record Expected(long offered, long answered, long within, long abandoned, long abandonedShort,
                           long timedOut, Double sl, Double slAsterisk, Double sl2Asterisk, Double asa, Double aht,
                           Double abandonRate) {
    }

    private QueueLogFigures() {
    }

    /** With each queue's answer-time target and wrap-up as the lab's queues.conf sets them. */
    public static Map<String, Expected> expected(QueueLog log, Map<String, AsteriskLab.Queue> conf) {
        return expected(log, queue -> conf.get(queue).serviceLevel(), queue -> conf.get(queue).wrapUpTime());
    }

    public static Map<String, Expected> expected(QueueLog log, ToIntFunction<String> targetSeconds,
                                                 ToIntFunction<String> wrapUpSeconds) {
        return figures(log.legsByCall().values().stream().flatMap(List::stream).toList(), targetSeconds,
                wrapUpSeconds);
    }

    /**
     * Each queue's figures per 15-minute interval (by when the caller entered the queue, as the
     * interval report counts them), keyed by the interval's start; intervals with no call left out.
     */
    public static Map<String, Map<Instant, Expected>> byInterval(QueueLog log, Map<String, AsteriskLab.Queue> conf) {
        Map<Instant, List<QueueLog.Leg>> byInterval = log.legsByCall().values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(l -> Instant.ofEpochSecond(l.enteredAt - Math.floorMod(l.enteredAt, 900)),
                        TreeMap::new, Collectors.toList()));
        Map<String, Map<Instant, Expected>> out = new TreeMap<>();
        byInterval.forEach((from, legs) -> figures(legs, queue -> conf.get(queue).serviceLevel(),
                queue -> conf.get(queue).wrapUpTime())
                .forEach((queue, x) -> out.computeIfAbsent(queue, q -> new TreeMap<>()).put(from, x)));
        return out;
    }

    private static Map<String, Expected> figures(List<QueueLog.Leg> all, ToIntFunction<String> targetSeconds,
                                                 ToIntFunction<String> wrapUpSeconds) {
        Map<String, List<QueueLog.Leg>> byQueue = all.stream()
                .collect(Collectors.groupingBy(l -> l.queue, TreeMap::new, Collectors.toList()));
        Map<String, Expected> out = new TreeMap<>();
        byQueue.forEach((queue, legs) -> {
            int t = targetSeconds.applyAsInt(queue);
            int wrapUp = wrapUpSeconds.applyAsInt(queue);
            long answered = legs.stream().filter(l -> "answered".equals(l.outcome)).count();
            long within = legs.stream().filter(l -> "answered".equals(l.outcome) && l.holdSeconds <= t).count();
            long abandoned = legs.stream().filter(l -> "abandoned".equals(l.outcome)).count();
            long abandonedShort = legs.stream()
                    .filter(l -> "abandoned".equals(l.outcome) && l.holdSeconds < SHORT_ABANDON).count();
            long abandonedWithin = legs.stream()
                    .filter(l -> !"answered".equals(l.outcome) && l.outcome != null && l.holdSeconds <= t).count();
            long timedOut = legs.stream().filter(l -> "timeout".equals(l.outcome)).count();
            long hold = legs.stream().filter(l -> "answered".equals(l.outcome)).mapToLong(l -> l.holdSeconds).sum();
            List<QueueLog.Leg> completed = legs.stream().filter(l -> l.talkSeconds != null).toList();
            long talk = completed.stream().mapToLong(l -> l.talkSeconds).sum();
            out.put(queue, new Expected(legs.size(), answered, within, abandoned, abandonedShort, timedOut,
                    ratio(within, answered + abandoned - abandonedShort), ratio(within, answered),
                    ratio(within + abandonedWithin, answered + abandoned + timedOut),
                    answered == 0 ? null : (double) hold / answered,
                    completed.isEmpty() ? null : (double) (talk + (long) wrapUp * completed.size()) / completed.size(),
                    ratio(abandoned - abandonedShort, legs.size())));
        });
        return out;
    }

    /**
     * A queue's figures as {@code GET /api/queues} or the interval report gives them ({@code queue})
     * equal {@code x}, and nobody waits (where live state is shown); {@code as} names them in a failure.
     */
    public static void assertFiguresAgree(String as, JsonObject queue, Expected x) {
        assertThat(queue.getLong("offered")).as(as).isEqualTo(x.offered());
        assertThat(queue.getLong("answered")).as(as).isEqualTo(x.answered());
        assertThat(queue.getLong("answeredWithinTarget")).as(as).isEqualTo(x.within());
        assertThat(queue.getLong("abandoned")).as(as).isEqualTo(x.abandoned());
        assertThat(queue.getLong("abandonedShort")).as(as).isEqualTo(x.abandonedShort());
        assertThat(queue.getLong("timedOut")).as(as).isEqualTo(x.timedOut());
        assertSame(as + " serviceLevel", queue.getDouble("serviceLevel"), x.sl());
        assertSame(as + " serviceLevelAsterisk", queue.getDouble("serviceLevelAsterisk"), x.slAsterisk());
        assertSame(as + " serviceLevel2Asterisk", queue.getDouble("serviceLevel2Asterisk"), x.sl2Asterisk());
        assertSame(as + " asaSeconds", queue.getDouble("asaSeconds"), x.asa());
        assertSame(as + " ahtSeconds", queue.getDouble("ahtSeconds"), x.aht());
        assertSame(as + " abandonRate", queue.getDouble("abandonRate"), x.abandonRate());
        if (queue.containsKey("waiting")) {
            assertThat(queue.getInteger("waiting")).as(as).isZero();
        }
    }

    private static void assertSame(String what, Double actual, Double expected) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isNotNull();
            assertThat(actual).as(what).isCloseTo(expected, within(1e-9));
        }
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }
}
