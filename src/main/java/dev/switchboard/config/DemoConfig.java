package dev.switchboard.config;

/** Demo data written on first start of an empty embedded database. */
public record DemoConfig(boolean seedOnFirstStart, int accounts) {
}
