package dev.switchboard.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real Asterisk 22 recordings kept beside the project in ../shared/ami-recordings. */
public final class Recordings {

    private Recordings() {
    }

    public static Path directory() {
        for (Path candidate : new Path[]{Path.of("..", "shared", "ami-recordings"),
                Path.of("..", "..", "shared", "ami-recordings")}) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the AMI recordings are not in ../shared/ami-recordings");
    }

    public static Path file(String name) {
        return directory().resolve(name + ".jsonl");
    }
}
