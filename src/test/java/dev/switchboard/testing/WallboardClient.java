package dev.switchboard.testing;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
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
        socket = rig.webSockets().connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(rig.port)
                .setURI("/api/queues/live?access_token=" + token)).await();
        socket.textMessageHandler(text -> messages.add(new Received(new JsonObject(text), System.nanoTime())));
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

    @Override
    public void close() {
        socket.close().await();
    }
}
