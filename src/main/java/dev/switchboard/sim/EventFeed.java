package dev.switchboard.sim;

import java.util.List;
import java.util.function.Consumer;

/** What a logged-in client hears: live events, and the lists its status actions get. */
public interface EventFeed {

    /** Starts sending events through {@code out}; {@code finished} runs after the last one. */
    void start(Consumer<AmiMessage> out, Runnable finished);

    /** Stops sending (the client went away). */
    void stop();

    /** The events answering a list action such as QueueStatus, without ActionIDs. */
    List<AmiMessage> snapshot(String action);
}
