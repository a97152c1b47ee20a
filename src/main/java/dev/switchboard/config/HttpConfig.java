package dev.switchboard.config;

/** Where the HTTP API and UI listen. */
public record HttpConfig(String host, int port) {
}
