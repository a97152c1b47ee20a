package dev.switchboard.testing;

import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An agent's screen-pop socket over a real WebSocket: every message it received, in order. */
public final class AgentClient implements AutoCloseable {

    private final BlockingQueue<JsonObject> unread = new LinkedBlockingQueue<>();
    private final List<JsonObject> all = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    public AgentClient(ServiceRig rig, String token) {
        socket = rig.openSocket("/api/agent/pops", token, text -> {
            JsonObject message = new JsonObject(text);
            all.add(message);
            unread.add(message);
        });
    }

    /** The next message matching {@code wanted} (others are skipped); fails after {@code timeout}. */
    public JsonObject await(Predicate<JsonObject> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject next = left <= 0 ? null : unread.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no message as wanted within " + timeout + "; got " + all);
            }
            if (wanted.test(next)) {
                return next;
            }
        }
    }

    /** Sends a message to the server, e.g. which case the desk shows. */
    public void send(JsonObject message) {
        socket.writeTextMessage(message.encode()).await();
    }

    /** Every message received so far. */
    public List<JsonObject> received() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        socket.close().await();
    }
}
