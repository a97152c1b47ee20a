package dev.switchboard.sim;

import io.vertx.core.Vertx;

import java.util.List;
import java.util.function.Consumer;

/**
 * One simulated call centre that outlives its clients, as a real Asterisk does: calls go on
 * while nobody listens, a client hears the events from the moment it connects, and list actions
 * (QueueStatus, CoreShowChannels) describe the calls as they are now. Unlike
 * {@link GeneratorFeed}, which gives every connection a call centre of its own.
 */
public final class SharedCallCentre {

    private static final Consumer<AmiMessage> NOBODY = message -> { };

    private final SimulatedCallCentre centre;
    private volatile Consumer<AmiMessage> listener = NOBODY;

    /** {@code maxCalls}: callers after which no more arrive. */
    public SharedCallCentre(Vertx vertx, TrafficProfile profile, int maxCalls) {
        centre = new SimulatedCallCentre(profile, new TimerScheduler(vertx, 1), message -> listener.accept(message),
                maxCalls, () -> { });
    }

    public void start() {
        centre.start();
    }

    public void stop() {
        centre.stop();
    }

    /** The calls as a new client of the simulator sees them. */
    public EventFeed feed() {
        return new EventFeed() {
            private Consumer<AmiMessage> mine;

            @Override
            public void start(Consumer<AmiMessage> out, Runnable finished) {
                mine = out;
                listener = out;
            }

            @Override
            public void stop() {
                if (listener == mine) {
                    listener = NOBODY;
                }
            }

            @Override
            public List<AmiMessage> snapshot(String action) {
                return centre.snapshot(action);
            }
        };
    }

    /** The calls that have ended so far. */
    public List<GeneratedCall> finishedCalls() {
        return centre.finishedCalls();
    }
}
