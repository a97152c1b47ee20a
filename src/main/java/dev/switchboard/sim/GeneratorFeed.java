package dev.switchboard.sim;

import io.vertx.core.Vertx;

import java.util.List;
import java.util.function.Consumer;

/**
 * Synthetic traffic for one client: a {@link SimulatedCallCentre} of its own, driven by Vert.x
 * timers. With {@code speed} above 1 simulated time runs that many times faster than the wall
 * clock (event timestamps and hold times stay those of the simulated clock). With
 * {@code maxCalls > 0} it stops after that many callers and reports the feed finished once the
 * last of them has hung up.
 */
public final class GeneratorFeed implements EventFeed {

    private final Vertx vertx;
    private final TrafficProfile profile;
    private final int maxCalls;
    private final double speed;
    private volatile SimulatedCallCentre centre;

    public GeneratorFeed(Vertx vertx, TrafficProfile profile, int maxCalls) {
        this(vertx, profile, maxCalls, 1);
    }

    public GeneratorFeed(Vertx vertx, TrafficProfile profile, int maxCalls, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive");
        }
        this.vertx = vertx;
        this.profile = profile;
        this.maxCalls = maxCalls;
        this.speed = speed;
    }

    @Override
    public void start(Consumer<AmiMessage> out, Runnable finished) {
        centre = new SimulatedCallCentre(profile, new TimerScheduler(vertx, speed), out, maxCalls, finished);
        centre.start();
    }

    @Override
    public void stop() {
        if (centre != null) {
            centre.stop();
        }
    }

    @Override
    public List<AmiMessage> snapshot(String action) {
        return centre == null ? List.of() : centre.snapshot(action);
    }

    /** The calls that have ended so far, as generated. */
    public List<GeneratedCall> finishedCalls() {
        return centre == null ? List.of() : centre.finishedCalls();
    }

    /** The calls that have ended since the last take; the feed forgets them. */
    public List<GeneratedCall> takeFinishedCalls() {
        return centre == null ? List.of() : centre.takeFinishedCalls();
    }
}
