package dev.switchboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where each Asterisk's own queue_log file is read from, and how often. {@code files} is keyed by
 * the server's {@link AmiServerConfig#label()}, or by {@link #ONLY_ASTERISK} for a path given
 * without naming one (the only Asterisk there is). Empty: no queue_log, AMI alone.
 *
 * @param poll   how often the files are read
 * @param settle how long after queue_log said a caller left a queue the call is held against what
 *               AMI said (so AMI's events of that moment have arrived)
 */
public record QueueLogConfig(Map<String, Path> files, Duration poll, Duration settle) {

    public static final String ONLY_ASTERISK = "*";

    public QueueLogConfig {
        files = Map.copyOf(files);
    }

    /** The queue_log of the Asterisk with this label, if one is configured. */
    public Optional<Path> fileOf(String serverLabel) {
        return Optional.ofNullable(files.getOrDefault(serverLabel, files.get(ONLY_ASTERISK)));
    }
}
