package dev.switchboard.testing;

import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A supervisor's wallboard feed over a real WebSocket: every message, with when it arrived. */
public final class WallboardClient implements AutoCloseable {

    /** A message and its arrival, in System.nanoTime(). */
    public record Received(JsonObject message, long nanos) {
    }

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private WallboardClient(ServiceRig rig, String token) {
        socket = rig.openSocket("/api/queues/live", token,
                text -> messages.add(new Received(new JsonObject(text), System.nanoTime())));
    }

    public static WallboardClient open(ServiceRig rig, String token) {
        return new WallboardClient(rig, token);
    }

    /** The next message matching {@code wanted}, skipping others; fails after {@code timeout}. */
    public Received await(Predicate<JsonObject> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received next = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no wallboard message as wanted within " + timeout);
            }
            if (wanted.test(next.message())) {
                return next;
            }
        }
    }

    /**
     * Follows one queue's figures (from the snapshot, then each {@code figures} delta) until they
     * satisfy {@code wanted}; the figures that did. Fails after {@code timeout}, showing the last.
     */
    public JsonObject awaitFigures(String queue, Predicate<JsonObject> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject latest = null;
        while (true) {
            long left = deadline - System.nanoTime();
            Received next = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("the figures of " + queue + " never became as wanted within " + timeout
                        + "; last: " + latest);
            }
            JsonObject m = next.message();
            if (m.getString("type").equals("snapshot")) {
                for (Object q : m.getJsonArray("queues")) {
                    if (queue.equals(((JsonObject) q).getString("name"))) {
                        latest = (JsonObject) q;
                    }
                }
            } else if (m.getString("type").equals("figures") && queue.equals(m.getString("queue"))) {
                latest = m.getJsonObject("figures");
            }
            if (latest != null && wanted.test(latest)) {
                return latest;
            }
        }
    }

    @Override
    public void close() {
        socket.close().await();
    }
}
