package dev.switchboard.sim;

import java.util.List;

/** What a logged-in client hears: live events, and the lists its status actions get. */
public interface EventFeed {

    /** Starts sending events through {@code out}; {@code finished} runs after the last one. */
    void start(java.util.function.Consumer<AmiMessage> out, Runnable finished);

    /** Stops sending (the client went away). */
    void stop();

    /** The events answering a list action such as QueueStatus, without ActionIDs. */
    List<AmiMessage> snapshot(String action);
}
