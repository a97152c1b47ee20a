package dev.switchboard.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches a slow step of the embedded database's start on a thread of its own:
 * <ul>
 *   <li>every so often it logs that the step is still under way and how long it may take — on a
 *   busy machine a first start can take minutes, and a silent log looks like a hang;</li>
 *   <li>when the server process it waits for has exited, it interrupts the waiting thread — the
 *   library would otherwise keep waiting for "ready for connections" until its limit.</li>
 * </ul>
 */
final class StartWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StartWatch.class);
    private static final long CHECK_MS = 250;

    private final ScheduledExecutorService timer;
    private volatile boolean serverExited;

    private StartWatch() {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "embedded-db-start-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Logs progress of {@code step} every {@code interval}. */
    static StartWatch logging(String step, Duration interval, Duration limit) {
        return logging(step, interval, limit, () -> false, null);
    }

    /**
     * Logs progress, and interrupts {@code waiter} once {@code exited} says the server process has
     * gone.
     */
    static StartWatch logging(String step, Duration interval, Duration limit, BooleanSupplier exited, Thread waiter) {
        StartWatch watch = new StartWatch();
        long started = System.nanoTime();
        long intervalMs = interval.toMillis();
        long[] nextReport = {intervalMs};
        watch.timer.scheduleAtFixedRate(() -> {
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (waiter != null && !watch.serverExited && exited.getAsBoolean()) {
                watch.serverExited = true;
                waiter.interrupt();
            }
            if (elapsedMs >= nextReport[0]) {
                nextReport[0] += intervalMs;
                log.info("Still {}: {} s so far, giving up after {} s", step, elapsedMs / 1000, limit.toSeconds());
            }
        }, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Whether the watched server process exited before the step was over. */
    boolean serverExited() {
        return serverExited;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (serverExited) {
            Thread.interrupted(); // the interrupt was ours; the caller's thread carries on
        }
    }
}
