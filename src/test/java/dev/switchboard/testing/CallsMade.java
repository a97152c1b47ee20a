package dev.switchboard.testing;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.EventFeed;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Notes every call a simulated Asterisk sends, across all of its clients' feeds: the Linkedid of
 * each caller's channel (the Newchannel whose Uniqueid is its own Linkedid).
 */
public final class CallsMade {

    private final Set<String> linkedids = ConcurrentHashMap.newKeySet();

    /** The feed, with every call it sends noted here. */
    public EventFeed watch(EventFeed feed) {
        return new EventFeed() {
            @Override
            public void start(Consumer<AmiMessage> out, Runnable finished) {
                feed.start(note(out), finished);
            }

            @Override
            public void start(Consumer<AmiMessage> out, Runnable finished, Connection connection) {
                feed.start(note(out), finished, connection);
            }

            @Override
            public void stop() {
                feed.stop();
            }

            @Override
            public List<AmiMessage> snapshot(String action) {
                return feed.snapshot(action);
            }
        };
    }

    private Consumer<AmiMessage> note(Consumer<AmiMessage> out) {
        return message -> {
            if (message.getOrEmpty("Event").equals("Newchannel")
                    && message.getOrEmpty("Uniqueid").equals(message.getOrEmpty("Linkedid"))) {
                linkedids.add(message.getOrEmpty("Linkedid"));
            }
            out.accept(message);
        };
    }

    public Set<String> linkedids() {
        return new TreeSet<>(linkedids);
    }
}
