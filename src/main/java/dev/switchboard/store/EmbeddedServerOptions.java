package dev.switchboard.store;

import java.time.Duration;

/**
 * How the embedded MariaDB is run.
 *
 * @param port         TCP port on 127.0.0.1; 0 for any free one
 * @param bufferPoolMb size of InnoDB's page cache in MiB
 * @param startTimeout how long creating the data files, and then starting the server, may each take
 */
public record EmbeddedServerOptions(int port, int bufferPoolMb, Duration startTimeout) {

    /** Minutes, not the library's 30 s: a first start on a busy two-core machine took longer than that. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(5);
}
