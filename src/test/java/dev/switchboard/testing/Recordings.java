package dev.switchboard.testing;

import java.nio.file.Path;

/** The real Asterisk 22 recordings kept with the tests (src/test/resources/ami-recordings). */
public final class Recordings {

    private Recordings() {
    }

    public static Path directory() {
        return TestResources.directory("ami-recordings");
    }

    public static Path file(String name) {
        return directory().resolve(name + ".jsonl");
    }
}
