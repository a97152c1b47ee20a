package dev.switchboard.queues;

import dev.switchboard.config.QueuesConfig;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Figures per queue over a period, counted from the stored call journeys. */
public final class QueueFiguresService {

    static final Duration INTERVAL = Duration.ofMinutes(15);

    /** [from, to) */
    public record Range(Instant from, Instant to) {
    }

    /** One 15-minute interval of a day's report. */
    public record IntervalRow(Instant from, Instant to, QueueFigures figures) {
    }

    private final QueueFiguresStore store;
    private final AnswerTargets targets;
    private final LiveQueueBoard board;
    private final QueuesConfig config;
    private final Clock clock;

    public QueueFiguresService(QueueFiguresStore store, AnswerTargets targets, LiveQueueBoard board,
                               QueuesConfig config, Clock clock) {
        this.store = store;
        this.targets = targets;
        this.board = board;
        this.config = config;
        this.clock = clock;
    }

    public Range range(FiguresPeriod period) {
        Instant now = clock.instant();
        ZonedDateTime dayStart = now.atZone(config.zone()).toLocalDate().atStartOfDay(config.zone());
        return switch (period) {
            case TODAY -> new Range(dayStart.toInstant(), dayStart.plusDays(1).toInstant());
            case ROLLING -> new Range(now.minus(config.rollingWindow()), now.plusMillis(1));
            case INTERVAL -> {
                long slot = Duration.between(dayStart.toInstant(), now).toMillis() / INTERVAL.toMillis();
                Instant from = dayStart.toInstant().plus(INTERVAL.multipliedBy(slot));
                yield new Range(from, from.plus(INTERVAL));
            }
        };
    }

    /** Every queue with calls in the period, by name. */
    public Future<Map<String, QueueFigures>> figures(FiguresPeriod period) {
        Range range = range(period);
        Future<Map<String, List<LegTally>>> legs = store.tallies(range.from(), range.to());
        Future<Map<String, CallbackFigures>> callbacks = store.callbacks(range.from(), range.to(), clock.instant());
        return Future.all(legs, callbacks).map(both -> {
            Map<String, QueueFigures> figures = new TreeMap<>();
            legs.result().forEach((queue, tallies) -> figures.put(queue,
                    FiguresCalculator.figures(tallies, targets.of(queue), board.wrapUpSeconds(queue))));
            callbacks.result().forEach((queue, c) -> figures.put(queue, figures.computeIfAbsent(queue,
                    q -> FiguresCalculator.figures(List.of(), targets.of(q), board.wrapUpSeconds(q))).withCallbacks(c)));
            return figures;
        });
    }

    /** The day's 15-minute intervals for one queue, every one of them, empty ones included. */
    public Future<List<IntervalRow>> intervals(String queue, LocalDate date) {
        ZonedDateTime start = date.atStartOfDay(config.zone());
        Instant from = start.toInstant();
        Instant to = start.plusDays(1).toInstant();
        AnswerTarget target = targets.of(queue);
        int wrapUp = board.wrapUpSeconds(queue);
        return store.intervalTallies(queue, from, to).map(bySlot -> {
            List<IntervalRow> rows = new ArrayList<>();
            int slots = (int) (Duration.between(from, to).toMillis() / INTERVAL.toMillis());
            for (int slot = 0; slot < slots; slot++) {
                Instant slotFrom = from.plus(INTERVAL.multipliedBy(slot));
                rows.add(new IntervalRow(slotFrom, slotFrom.plus(INTERVAL),
                        FiguresCalculator.figures(bySlot.getOrDefault(slot, List.of()), target, wrapUp)));
            }
            return rows;
        });
    }

    public AnswerTarget target(String queue) {
        return targets.of(queue);
    }

    public ZoneId zone() {
        return config.zone();
    }
}
