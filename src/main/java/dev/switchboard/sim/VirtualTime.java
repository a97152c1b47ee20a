package dev.switchboard.sim;

import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/** Runs the simulated call centre's timers in time order without waiting for them: hours of traffic in moments. */
final class VirtualTime implements SimulatedCallCentre.Scheduler {

    private record Task(long at, long id, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.id, b.id));
    private final Set<Long> cancelled = new HashSet<>();
    private long now;
    private long ids;

    VirtualTime(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public long schedule(long delayMillis, Runnable task) {
        tasks.add(new Task(now + delayMillis, ++ids, task));
        return ids;
    }

    @Override
    public void cancel(long id) {
        cancelled.add(id);
    }

    @Override
    public long nowMillis() {
        return now;
    }

    void runAll() {
        Task task;
        while ((task = tasks.poll()) != null) {
            now = task.at;
            if (!cancelled.remove(task.id)) {
                task.run.run();
            }
        }
    }
}
