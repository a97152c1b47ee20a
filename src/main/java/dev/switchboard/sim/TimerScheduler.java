package dev.switchboard.sim;

import io.vertx.core.Vertx;

/**
 * Runs a simulated call centre on Vert.x timers; with {@code speed} above 1 simulated time runs
 * that many times faster than the wall clock.
 */
final class TimerScheduler implements SimulatedCallCentre.Scheduler {

    private final Vertx vertx;
    private final double speed;
    private final long startedAt = System.currentTimeMillis();

    TimerScheduler(Vertx vertx, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive");
        }
        this.vertx = vertx;
        this.speed = speed;
    }

    @Override
    public long schedule(long delayMillis, Runnable task) {
        return vertx.setTimer(Math.max(1, Math.round(delayMillis / speed)), id -> task.run());
    }

    @Override
    public void cancel(long id) {
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }

    @Override
    public long nowMillis() {
        return startedAt + Math.round((System.currentTimeMillis() - startedAt) * speed);
    }
}
