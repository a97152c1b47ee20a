package dev.switchboard.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Fails a benchmark part whose progress has stopped. The part reports a figure that grows while
 * things move (events counted, calls stored) at each turn of its waiting loop; a figure that has
 * not changed for the patience fails the part with what stopped moving and a diagnosis (the AMI
 * link's state), so a broken run ends within a minute of the stall, however long a healthy run
 * takes, instead of waiting out a fixed deadline.
 */
final class StallWatch {

    /** Far longer than any pause of a healthy run (a full GC, a resync), short enough to wait for. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String part;
    private final String stillness;
    private final Duration patience;
    private final Clock clock;
    private final Supplier<String> diagnosis;
    private long lastProgress;
    private Instant lastMoved;

    /**
     * @param part      the part, as the failure names it ("ingestion")
     * @param stillness what it means that the figure stands still ("no AMI event counted")
     * @param diagnosis what else a reader of the failure needs (the AMI link's state), asked at the stall
     */
    StallWatch(String part, String stillness, Duration patience, Clock clock, Supplier<String> diagnosis) {
        this.part = part;
        this.stillness = stillness;
        this.patience = patience;
        this.clock = clock;
        this.diagnosis = diagnosis;
    }

    /** Notes the figure now; throws once it has stood still for the whole patience. */
    void check(long progress) {
        Instant now = clock.instant();
        if (lastMoved == null || progress != lastProgress) {
            lastProgress = progress;
            lastMoved = now;
            return;
        }
        if (Duration.between(lastMoved, now).compareTo(patience) >= 0) {
            throw new BenchPartFailed(part + " stalled: " + stillness + " for " + patience.toSeconds() + " s ("
                    + diagnosis.get() + ")");
        }
    }

    /**
     * Polls every {@code poll} until {@code done}, checking {@code progress} at each turn: fails as
     * {@link #check} does when it stands still.
     */
    void awaitUntil(BooleanSupplier done, LongSupplier progress, Duration poll) throws InterruptedException {
        while (!done.getAsBoolean()) {
            check(progress.getAsLong());
            Thread.sleep(poll.toMillis());
        }
    }
}
