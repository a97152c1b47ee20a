package dev.switchboard.sim;

import io.vertx.core.Vertx;

import java.util.List;
import java.util.function.Consumer;

/**
 * Plays a {@link Recording}'s live stream with its original spacing, {@code speed} times faster.
 * Each client gets its own feed from the start of the recording.
 */
public final class ReplayFeed implements EventFeed {

    private final Vertx vertx;
    private final Recording recording;
    private final double speed;
    private long timer = -1;
    private boolean stopped;

    public ReplayFeed(Vertx vertx, Recording recording, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive");
        }
        this.vertx = vertx;
        this.recording = recording;
        this.speed = speed;
    }

    @Override
    public void start(Consumer<AmiMessage> out, Runnable finished) {
        long startedAt = System.nanoTime();
        long firstMs = recording.stream().isEmpty() ? 0 : recording.stream().get(0).ms();
        sendDue(0, startedAt, firstMs, out, finished);
    }

    /** Sends every message that is due, then sleeps on a timer until the next one is. */
    private void sendDue(int next, long startedAt, long firstMs, Consumer<AmiMessage> out, Runnable finished) {
        List<Recording.Timed> stream = recording.stream();
        int i = next;
        double elapsedMs = (System.nanoTime() - startedAt) / 1e6;
        while (!stopped && i < stream.size() && (stream.get(i).ms() - firstMs) / speed <= elapsedMs) {
            out.accept(stream.get(i).message());
            i++;
        }
        if (stopped) {
            return;
        }
        if (i >= stream.size()) {
            finished.run();
            return;
        }
        long waitMs = Math.max(1, Math.round((stream.get(i).ms() - firstMs) / speed - elapsedMs));
        int resumeAt = i;
        timer = vertx.setTimer(waitMs, id -> sendDue(resumeAt, startedAt, firstMs, out, finished));
    }

    @Override
    public void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    @Override
    public List<AmiMessage> snapshot(String action) {
        return recording.snapshot(action);
    }
}
