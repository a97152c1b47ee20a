package dev.switchboard.screenpop;

/** Event-bus addresses of the screen pop. */
public final class ScreenPopAddresses {

    /** Request with the agent id (Long): replies with the agent's current pop message, or null. */
    public static final String CURRENT = "screenpop.current";

    /** Published per agent: {@code screenpop.agent.<agent id>}; only that agent's sockets listen. */
    public static String agent(long agentId) {
        return "screenpop.agent." + agentId;
    }

    private ScreenPopAddresses() {
    }
}
