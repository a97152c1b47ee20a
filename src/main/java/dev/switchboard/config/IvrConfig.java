package dev.switchboard.config;

import java.util.List;
import java.util.Optional;

/**
 * Where the FastAGI server for Asterisk's IVR listens, and who may connect to it: the addresses
 * configured, or (absent) loopback plus the configured Asterisk servers.
 */
public record IvrConfig(String host, int port, Optional<List<AddressRange>> allowed) {

    public IvrConfig(String host, int port) {
        this(host, port, Optional.empty());
    }
}
