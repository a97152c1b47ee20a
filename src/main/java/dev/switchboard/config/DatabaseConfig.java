package dev.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The database: an external MariaDB when {@code url} is set, else the embedded one under the data
 * directory. The password is never printed: {@link #toString()} masks it.
 */
public record DatabaseConfig(Optional<String> url, String user, String password, int poolSize,
                             int embeddedPort, int embeddedBufferPoolMb, Duration embeddedStartTimeout,
                             int connectTimeoutSeconds, int unsavedCallsInMemory) {

    public boolean embedded() {
        return url.isEmpty();
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url.map(Redaction::jdbcUrl).orElse("(embedded)") + ", user=" + user + ", password=***"
                + ", poolSize=" + poolSize + ", embeddedPort=" + embeddedPort
                + ", embeddedBufferPoolMb=" + embeddedBufferPoolMb + ", embeddedStartTimeout=" + embeddedStartTimeout
                + ", unsavedCallsInMemory=" + unsavedCallsInMemory + "]";
    }
}
