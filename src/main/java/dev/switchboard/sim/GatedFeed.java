package dev.switchboard.sim;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A feed that answers list actions from the start but sends its events only once {@link #open}
 * is called: traffic that starts when a test or the benchmark says so (after it has seeded the
 * database, say), not when the client logs in.
 */
public final class GatedFeed implements EventFeed {

    private final EventFeed inner;
    private Consumer<AmiMessage> out;
    private Runnable finished;
    private Connection connection;
    private boolean open;
    private boolean started;
    private final Map<String, Long> firstSent = new ConcurrentHashMap<>();

    public GatedFeed(EventFeed inner) {
        this.inner = inner;
    }

    @Override
    public synchronized void start(Consumer<AmiMessage> out, Runnable finished) {
        start(out, finished, null);
    }

    @Override
    public synchronized void start(Consumer<AmiMessage> out, Runnable finished, Connection connection) {
        this.out = message -> {
            firstSent.putIfAbsent(message.getOrEmpty("Event"), System.currentTimeMillis());
            out.accept(message);
        };
        this.finished = finished;
        this.connection = connection;
        startIfReady();
    }

    /**
     * Lets the events flow (now, or as soon as a client has logged in), on the connection's own
     * thread: a feed that paces itself by the connection must not race its drain handler.
     */
    public synchronized void open() {
        open = true;
        if (connection != null) {
            connection.later(this::startIfReady);
        } else {
            startIfReady();
        }
    }

    private synchronized void startIfReady() {
        if (open && out != null && !started) {
            started = true;
            if (connection == null) {
                inner.start(out, finished);
            } else {
                inner.start(out, finished, connection);
            }
        }
    }

    /** When (epoch ms) the first event of each type was handed to the client's socket. */
    public Map<String, Long> firstSent() {
        return Map.copyOf(firstSent);
    }

    @Override
    public void stop() {
        inner.stop();
    }

    @Override
    public List<AmiMessage> snapshot(String action) {
        return inner.snapshot(action);
    }
}
