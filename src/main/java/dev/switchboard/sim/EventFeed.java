package dev.switchboard.sim;

import java.util.List;
import java.util.function.Consumer;

/** What a logged-in client hears: live events, and the lists its status actions get. */
public interface EventFeed {

    /** Starts sending events through {@code out}; {@code finished} runs after the last one. */
    void start(Consumer<AmiMessage> out, Runnable finished);

    /**
     * The client's side of the connection as a feed that sends as fast as it can needs it: whether
     * its write buffer is full, and a way to hear when it has room again.
     */
    interface Connection {
        boolean full();

        void whenDrained(Runnable next);

        /** Runs {@code next} on the connection's thread after what is queued there: a pause for others. */
        void later(Runnable next);
    }

    /** As {@link #start(Consumer, Runnable)}, for feeds that pace themselves by the connection. */
    default void start(Consumer<AmiMessage> out, Runnable finished, Connection connection) {
        start(out, finished);
    }

    /** Stops sending (the client went away). */
    void stop();

    /** The events answering a list action such as QueueStatus, without ActionIDs. */
    List<AmiMessage> snapshot(String action);
}
