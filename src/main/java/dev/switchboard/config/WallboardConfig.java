package dev.switchboard.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the supervisor wallboard flags: an agent longer than this many seconds in one state
 * (keys as the wallboard names the states: ringing, onCall, wrapUp, paused); 0 never flags it.
 */
public record WallboardConfig(Map<String, Integer> stateLimitSeconds) {

    /** The states a limit may be set for, in the order they are listed. */
    public static final List<String> STATES = List.of("ringing", "onCall", "wrapUp", "paused");

    /**
     * Ringing 30 s (the caller is still waiting), on a call 20 min, wrap-up 2 min, paused 15 min:
     * long enough that a normal call or break is not flagged, short enough to catch a forgotten
     * pause or a phone nobody answers.
     */
    public static final Map<String, Integer> DEFAULT_LIMITS = Map.of("ringing", 30, "onCall", 1200, "wrapUp", 120,
            "paused", 900);

    public WallboardConfig {
        stateLimitSeconds = withDefaults(stateLimitSeconds);
    }

    private static Map<String, Integer> withDefaults(Map<String, Integer> given) {
        Map<String, Integer> all = new LinkedHashMap<>();
        STATES.forEach(state -> all.put(state, given.getOrDefault(state, DEFAULT_LIMITS.get(state))));
        return Collections.unmodifiableMap(all);
    }
}
