package dev.switchboard.bench;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.TappedFeed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A feed ({@link #feed()}) whose AgentCalled and QueueCallerJoin messages are noted, just before
 * they go onto the connection, with when they did (System.nanoTime): the start of a pop's and a
 * wallboard delta's latency. It counts every AgentCalled, timing or not.
 */
final class TimedFeed {

    private final EventFeed feed;
    /** Linkedid + "|" + rung interface → when AgentCalled was written. */
    final Map<String, Long> agentCalled = new ConcurrentHashMap<>();
    /** Uniqueid → when QueueCallerJoin was written. */
    final Map<String, Long> callerJoined = new ConcurrentHashMap<>();
    /** Every AgentCalled sent: the rings that must each pop once. */
    final AtomicLong rings = new AtomicLong();
    private volatile boolean timing;

    TimedFeed(EventFeed inner) {
        this.feed = new TappedFeed(inner, this::note);
    }

    /** The feed to give the simulator. */
    EventFeed feed() {
        return feed;
    }

    static String ringKey(String linkedid, String agentInterface) {
        return linkedid + "|" + agentInterface;
    }

    /** From now on, note the times (before: warming up). */
    void startTiming() {
        timing = true;
    }

    void stopTiming() {
        timing = false;
    }

    private void note(AmiMessage message) {
        String event = message.getOrEmpty("Event");
        if (event.equals("AgentCalled")) {
            rings.incrementAndGet();
            if (timing) {
                agentCalled.put(ringKey(message.getOrEmpty("Linkedid"), message.getOrEmpty("Interface")),
                        System.nanoTime());
            }
        } else if (timing && event.equals("QueueCallerJoin")) {
            callerJoined.put(message.getOrEmpty("Uniqueid"), System.nanoTime());
        }
    }
}
