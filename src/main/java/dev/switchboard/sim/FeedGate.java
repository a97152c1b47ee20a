package dev.switchboard.sim;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Traffic that starts when a test or the benchmark says so (after it has seeded the database,
 * say), not when a client logs in. The gate is shared; each client session gets a feed of its own
 * (pass {@link #feed} to the simulator) that answers list actions from the start and sends its
 * events once the gate is open, or at once if it already is. So a client that logs in again after
 * the gate opened (a reconnect) hears its own feed from the beginning, as from an Asterisk that
 * restarted, instead of nothing: the session it replaced took its feed with it.
 */
public final class FeedGate {

    private final Supplier<EventFeed> feeds;
    private final Map<String, Long> firstSent = new ConcurrentHashMap<>();
    /** Sessions logged in before the gate opened; guarded by this. */
    private final Set<SessionFeed> waiting = new HashSet<>();
    private boolean open;

    /** {@code feeds} makes each session's feed: a fresh one every call. */
    public FeedGate(Supplier<EventFeed> feeds) {
        this.feeds = feeds;
    }

    /** A feed for one client session, held back until the gate opens. */
    public EventFeed feed() {
        return new SessionFeed(feeds.get());
    }

    /** Lets the events flow for every session logged in now and every one after. */
    public void open() {
        List<SessionFeed> ready;
        synchronized (this) {
            open = true;
            ready = List.copyOf(waiting);
            waiting.clear();
        }
        ready.forEach(SessionFeed::startOnItsConnection);
    }

    /** When (epoch ms) the first event of each type was handed to a client's socket. */
    public Map<String, Long> firstSent() {
        return Map.copyOf(firstSent);
    }

    /** Waits in the gate until it opens (or starts at once); true when it may start now. */
    private synchronized boolean admit(SessionFeed session) {
        if (!open) {
            waiting.add(session);
        }
        return open;
    }

    private synchronized void leave(SessionFeed session) {
        waiting.remove(session);
    }

    private final class SessionFeed implements EventFeed {

        private final EventFeed inner;
        private Consumer<AmiMessage> out;
        private Runnable finished;
        private Connection connection;
        private boolean started;
        private boolean stopped;

        SessionFeed(EventFeed inner) {
            this.inner = inner;
        }

        @Override
        public void start(Consumer<AmiMessage> out, Runnable finished) {
            start(out, finished, null);
        }

        @Override
        public void start(Consumer<AmiMessage> out, Runnable finished, Connection connection) {
            synchronized (this) {
                this.out = message -> {
                    firstSent.putIfAbsent(message.getOrEmpty("Event"), System.currentTimeMillis());
                    out.accept(message);
                };
                this.finished = finished;
                this.connection = connection;
            }
            if (admit(this)) {
                startInner();
            }
        }

        /**
         * On the connection's own thread: a feed that paces itself by the connection must not race
         * its drain handler.
         */
        void startOnItsConnection() {
            if (connection != null) {
                connection.later(this::startInner);
            } else {
                startInner();
            }
        }

        private synchronized void startInner() {
            if (started || stopped) {
                return;
            }
            started = true;
            if (connection == null) {
                inner.start(out, finished);
            } else {
                inner.start(out, finished, connection);
            }
        }

        @Override
        public void stop() {
            leave(this);
            synchronized (this) {
                stopped = true;
            }
            inner.stop();
        }

        @Override
        public List<AmiMessage> snapshot(String action) {
            return inner.snapshot(action);
        }
    }
}
