package dev.switchboard.sim;

import java.util.List;
import java.util.function.Consumer;

/**
 * Sends a fixed list of events as fast as the client's connection takes them (writing until its
 * buffer is full, then again once it has drained), then an end marker the client can wait for:
 * {@code Event: FullyBooted} with {@code Status: stream-end}.
 */
public final class StreamFeed implements EventFeed {

    public static final String END_STATUS = "stream-end";
    private static final int BURST = 1024;
    private static final AmiMessage END = AmiMessage.of("Event", "FullyBooted", "Privilege", "system,all",
            "Uptime", "0", "LastReload", "0", "Status", END_STATUS);

    private final GeneratedStream stream;
    private final Runnable onStart;
    private volatile boolean stopped;

    public StreamFeed(GeneratedStream stream) {
        this(stream, () -> { });
    }

    /** {@code onStart} runs just before the first event is written (for timing a client). */
    public StreamFeed(GeneratedStream stream, Runnable onStart) {
        this.stream = stream;
        this.onStart = onStart;
    }

    @Override
    public void start(Consumer<AmiMessage> out, Runnable finished) {
        onStart.run();
        stream.events().forEach(out);
        out.accept(END);
        finished.run();
    }

    @Override
    public void start(Consumer<AmiMessage> out, Runnable finished, Connection connection) {
        onStart.run();
        send(0, out, finished, connection);
    }

    private void send(int from, Consumer<AmiMessage> out, Runnable finished, Connection connection) {
        List<AmiMessage> events = stream.events();
        int next = from;
        while (next < events.size() && !stopped) {
            out.accept(events.get(next++));
            int resumeAt = next;
            if (connection.full()) {
                connection.whenDrained(() -> send(resumeAt, out, finished, connection));
                return;
            }
            if (next % BURST == 0) {
                connection.later(() -> send(resumeAt, out, finished, connection)); // let the event loop breathe
                return;
            }
        }
        if (!stopped) {
            out.accept(END);
            finished.run();
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public List<AmiMessage> snapshot(String action) {
        return stream.snapshots().getOrDefault(action, List.of());
    }
}
