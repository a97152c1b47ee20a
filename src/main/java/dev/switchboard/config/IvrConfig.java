package dev.switchboard.config;

/** Where the FastAGI server for Asterisk's IVR listens. */
public record IvrConfig(String host, int port) {
}
