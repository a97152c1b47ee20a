package dev.switchboard.sim;

import io.vertx.core.Vertx;

import java.util.List;
import java.util.function.Consumer;

/**
 * One simulated call centre that outlives its clients, as a real Asterisk does: calls go on
 * while nobody listens, a client hears the events from the moment it connects, and list actions
 * (QueueStatus, CoreShowChannels) describe the calls as they are now. Unlike
 * {@link GeneratorFeed}, which gives every connection a call centre of its own. Being one call
 * centre, it can keep one queue_log, as Asterisk does whether or not anyone listens.
 */
public final class SharedCallCentre {

    private static final Consumer<AmiMessage> NOBODY = message -> { };
    private static final Runnable NOTHING = () -> { };

    private final SimulatedCallCentre centre;
    private volatile Consumer<AmiMessage> listener = NOBODY;
    private volatile Runnable listenerFinished = NOTHING;
    private volatile boolean allCallsDone;

    /** {@code maxCalls}: callers after which no more arrive. */
    public SharedCallCentre(Vertx vertx, TrafficProfile profile, int maxCalls) {
        this(vertx, profile, maxCalls, QueueLogSink.NONE);
    }

    /** As {@link #SharedCallCentre(Vertx, TrafficProfile, int)}, writing its queue_log to {@code queueLog}. */
    public SharedCallCentre(Vertx vertx, TrafficProfile profile, int maxCalls, QueueLogSink queueLog) {
        this(vertx, profile, maxCalls, 1, queueLog);
    }

    /** With {@code speed} above 1 simulated time runs that many times faster than the wall clock. */
    public SharedCallCentre(Vertx vertx, TrafficProfile profile, int maxCalls, double speed, QueueLogSink queueLog) {
        centre = new SimulatedCallCentre(profile, new TimerScheduler(vertx, speed), message -> listener.accept(message),
                maxCalls, this::allCallsDone, queueLog);
    }

    public void start() {
        centre.start();
    }

    public void stop() {
        centre.stop();
    }

    /**
     * The calls as a new client of the simulator sees them. The feed is finished when the last of
     * {@code maxCalls} callers has hung up, for the client listening then or connecting after.
     */
    public EventFeed feed() {
        return new EventFeed() {
            private Consumer<AmiMessage> mine;

            @Override
            public void start(Consumer<AmiMessage> out, Runnable finished) {
                mine = out;
                listener = out;
                listenerFinished = finished;
                if (allCallsDone) {
                    finished.run();
                }
            }

            @Override
            public void stop() {
                if (listener == mine) {
                    listener = NOBODY;
                    listenerFinished = NOTHING;
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

    private void allCallsDone() {
        allCallsDone = true;
        listenerFinished.run();
    }
}
