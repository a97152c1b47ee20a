package dev.switchboard.queues;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A queue right now: its target, who waits and for how long, and its agents. */
public record LiveQueue(String name, AnswerTarget target, List<WaitingView> waiting, List<AgentView> agents) {

    /** A waiting caller; {@code account} is the account number keyed in the IVR, null when none was. */
    public record WaitingView(String uniqueid, String linkedid, String callerNumber, String account, int position,
                              long waitSeconds, boolean breached) {
    }

    /** An agent's status and time in it; pause reason and time in pause when paused. */
    public record AgentView(String name, String memberInterface, AgentStatus status, long secondsInStatus,
                            String pausedReason, Long pausedSeconds) {
    }

    public long longestWaitSeconds() {
        return waiting.stream().mapToLong(WaitingView::waitSeconds).max().orElse(0);
    }

    /** Agents logged in to the queue by status. */
    public Map<AgentStatus, Long> agentsByStatus() {
        Map<AgentStatus, Long> counts = new EnumMap<>(AgentStatus.class);
        for (AgentStatus status : AgentStatus.values()) {
            counts.put(status, agents.stream().filter(a -> a.status() == status).count());
        }
        return counts;
    }
}
