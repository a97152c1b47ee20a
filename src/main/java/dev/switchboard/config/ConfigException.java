package dev.switchboard.config;

/** A configuration the service cannot start with; the message names what to fix, in one line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
