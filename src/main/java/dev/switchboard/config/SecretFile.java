package dev.switchboard.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret kept in a file (a container secret, a file only the service's user may read) rather
 * than in the environment, where every child process and {@code docker inspect} can see it.
 */
final class SecretFile {

    /** A secret is a line or a short list of logins, not a document. */
    private static final long MAX_BYTES = 64 * 1024;

    private SecretFile() {
    }

    /** The file's text without its trailing line break(s). */
    static String read(String variable, Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(variable + " names " + file + ", which is larger than a secret can be (64 KiB)");
            }
            return Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
        } catch (IOException e) {
            throw new ConfigException(variable + " names " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
