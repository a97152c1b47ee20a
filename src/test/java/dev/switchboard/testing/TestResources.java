package dev.switchboard.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Folders of test data under src/test/resources, as Maven copies them onto the test class path. */
final class TestResources {

    private TestResources() {
    }

    static Path directory(String name) {
        URL url = TestResources.class.getClassLoader().getResource(name);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException(name + " is not on the test class path (src/test/resources/" + name + ")");
        }
        try {
            Path directory = Path.of(url.toURI());
            if (!Files.isDirectory(directory)) {
                throw new IllegalStateException(directory + " is not a directory");
            }
            return directory;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }
}
