package dev.switchboard.queues;

import java.util.Locale;

/** What an agent is doing, as the wallboard shows it. */
public enum AgentStatus {
    READY, RINGING, ON_CALL, WRAP_UP, PAUSED, UNAVAILABLE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
