package dev.switchboard.config;

/**
 * Demo data written on first start of an empty embedded database, and the simulated traffic
 * that runs when no Asterisk is configured.
 */
public record DemoConfig(boolean seedOnFirstStart, int accounts, int callsPerMinute, int agents) {
}
