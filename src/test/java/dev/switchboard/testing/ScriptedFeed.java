package dev.switchboard.testing;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.EventFeed;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A feed of fixed messages, sent at once, answering list actions with fixed lists. */
public final class ScriptedFeed implements EventFeed {

    private final Map<String, List<AmiMessage>> snapshots;
    private final List<AmiMessage> messages;
    private final Vertx afterQueueStatusOn;
    private Consumer<AmiMessage> out;
    private Runnable finished;
    private boolean stopped;

    private ScriptedFeed(Map<String, List<AmiMessage>> snapshots, List<AmiMessage> messages, Vertx afterQueueStatusOn) {
        this.snapshots = snapshots;
        this.messages = List.copyOf(messages);
        this.afterQueueStatusOn = afterQueueStatusOn;
    }

    /** Sends its messages as soon as the client has logged in. */
    public static ScriptedFeed onLogin(Map<String, List<AmiMessage>> snapshots, List<AmiMessage> messages) {
        return new ScriptedFeed(snapshots, messages, null);
    }

    /**
     * Sends its messages once the client's QueueStatus has been answered: everything the
     * messages say happens after the state that QueueStatus reported.
     */
    public static ScriptedFeed afterQueueStatus(Vertx vertx, Map<String, List<AmiMessage>> snapshots,
                                                List<AmiMessage> messages) {
        return new ScriptedFeed(snapshots, messages, vertx);
    }

    @Override
    public void start(Consumer<AmiMessage> out, Runnable finished) {
        this.out = out;
        this.finished = finished;
        if (afterQueueStatusOn == null) {
            sendAll();
        }
    }

    private void sendAll() {
        for (AmiMessage message : messages) {
            if (stopped) {
                return;
            }
            out.accept(message);
        }
        finished.run();
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public List<AmiMessage> snapshot(String action) {
        if (afterQueueStatusOn != null && action.equals("QueueStatus") && out != null) {
            // after the list has been written: this runs before the list is sent
            afterQueueStatusOn.setTimer(50, id -> sendAll());
        }
        return snapshots.getOrDefault(action, List.of());
    }
}
