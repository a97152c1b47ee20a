package dev.switchboard.testing;

import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.TappedFeed;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes every call a simulated Asterisk sends, across all of its clients' feeds: the Linkedid of
 * each caller's channel (the Newchannel whose Uniqueid is its own Linkedid).
 */
public final class CallsMade {

    private final Set<String> linkedids = ConcurrentHashMap.newKeySet();

    /** The feed, with every call it sends noted here. */
    public EventFeed watch(EventFeed feed) {
        return new TappedFeed(feed, message -> {
            if (message.getOrEmpty("Event").equals("Newchannel")
                    && message.getOrEmpty("Uniqueid").equals(message.getOrEmpty("Linkedid"))) {
                linkedids.add(message.getOrEmpty("Linkedid"));
            }
        });
    }

    public Set<String> linkedids() {
        return new TreeSet<>(linkedids);
    }
}
