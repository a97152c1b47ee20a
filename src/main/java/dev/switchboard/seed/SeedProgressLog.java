package dev.switchboard.seed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs seeding progress at every {@code percentStep} %, with the running rate. */
public final class SeedProgressLog implements DemoSeeder.Progress {

    private static final Logger log = LoggerFactory.getLogger(SeedProgressLog.class);

    private final int percentStep;
    private final long startedNanos = System.nanoTime();
    private int lastReported = -1;

    private SeedProgressLog(int percentStep) {
        this.percentStep = percentStep;
    }

    public static SeedProgressLog every(int percentStep) {
        return new SeedProgressLog(percentStep);
    }

    @Override
    public void accountsWritten(int done, int total, long rows) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        if (percent / percentStep == lastReported / percentStep && done != total) {
            return;
        }
        lastReported = percent;
        double seconds = Math.max(0.001, (System.nanoTime() - startedNanos) / 1e9);
        log.info("Seeding: {}/{} accounts ({}%), {} rows, {} rows/s", done, total, percent, rows,
                Math.round(rows / seconds));
    }
}
