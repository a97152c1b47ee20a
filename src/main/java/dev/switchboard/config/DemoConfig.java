package dev.switchboard.config;

/**
 * Demo data written on first start of an empty embedded database, and the simulated traffic
 * that may run when no Asterisk is configured.
 */
public record DemoConfig(Traffic traffic, boolean seedOnFirstStart, int accounts, int callsPerMinute, int agents) {

    /** When the built-in simulated Asterisk makes DEMO calls (only ever without a real Asterisk). */
    public enum Traffic {
        /** Only with the embedded database: DEMO calls never land in a real call centre's database by default. */
        AUTO,
        /** Also with an external database, because the operator asked for it. */
        ON,
        OFF
    }
}
