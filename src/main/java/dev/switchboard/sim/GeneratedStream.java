package dev.switchboard.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A whole call centre's AMI traffic made in advance, on virtual time: the lists a client's
 * QueueStatus, QueueSummary and CoreShowChannels get at the start, every event of {@code calls}
 * calls in order, and the ledger of those calls. With no calls: the agents logged in and idle.
 */
public record GeneratedStream(Map<String, List<AmiMessage>> snapshots, List<AmiMessage> events,
                              List<GeneratedCall> calls) {

    /** The stream up to (not including) the first event {@code stop} accepts: the call centre at that moment. */
    public GeneratedStream until(Predicate<AmiMessage> stop) {
        int end = 0;
        while (end < events.size() && !stop.test(events.get(end))) {
            end++;
        }
        return new GeneratedStream(snapshots, events.subList(0, end), calls);
    }

    public static GeneratedStream of(TrafficProfile profile, int calls) {
        VirtualTime time = new VirtualTime(System.currentTimeMillis());
        List<AmiMessage> events = new ArrayList<>();
        SimulatedCallCentre centre = new SimulatedCallCentre(profile, time, events::add, calls, () -> { });
        Map<String, List<AmiMessage>> snapshots = Map.of(
                "QueueStatus", centre.snapshot("QueueStatus"),
                "QueueSummary", centre.snapshot("QueueSummary"),
                "CoreShowChannels", centre.snapshot("CoreShowChannels"));
        if (calls > 0) {
            centre.start();
            time.runAll();
        }
        return new GeneratedStream(snapshots, List.copyOf(events), centre.finishedCalls());
    }
}
