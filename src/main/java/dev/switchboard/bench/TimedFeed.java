package dev.switchboard.bench;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.EventFeed;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A feed that notes, just before each AgentCalled and QueueCallerJoin goes onto the connection,
 * when it did (System.nanoTime): the start of a pop's and a wallboard delta's latency. It counts
 * every AgentCalled, timing or not.
 */
final class TimedFeed implements EventFeed {

    private final EventFeed inner;
    /** Linkedid + "|" + rung interface → when AgentCalled was written. */
    final Map<String, Long> agentCalled = new ConcurrentHashMap<>();
    /** Uniqueid → when QueueCallerJoin was written. */
    final Map<String, Long> callerJoined = new ConcurrentHashMap<>();
    /** Every AgentCalled sent: the rings that must each pop once. */
    final AtomicLong rings = new AtomicLong();
    private volatile boolean timing;

    TimedFeed(EventFeed inner) {
        this.inner = inner;
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

    @Override
    public void start(Consumer<AmiMessage> out, Runnable finished) {
        inner.start(message -> {
            String event = message.getOrEmpty("Event");
            if (event.equals("AgentCalled")) {
                rings.incrementAndGet();
            }
            if (timing) {
                if (event.equals("AgentCalled")) {
                    agentCalled.put(ringKey(message.getOrEmpty("Linkedid"), message.getOrEmpty("Interface")),
                            System.nanoTime());
                } else if (event.equals("QueueCallerJoin")) {
                    callerJoined.put(message.getOrEmpty("Uniqueid"), System.nanoTime());
                }
            }
            out.accept(message);
        }, finished);
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
