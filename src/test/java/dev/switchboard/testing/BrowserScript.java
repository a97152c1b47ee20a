package dev.switchboard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the Playwright scripts in {@code src/test/browser} with Node, Debian's chromium and
 * the {@code playwright-core} that {@code npm ci} installed there; gives back its exit code and
 * everything it printed.
 */
public final class BrowserScript {

    public static final Path DIRECTORY = Path.of("src", "test", "browser").toAbsolutePath();
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    public record Result(int exitCode, String output) {
    }

    private BrowserScript() {
    }

    /** What is missing to run a browser test, in words that say how to get it; empty if nothing. */
    public static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (install Debian's chromium package; .ci/run does)");
        }
        if (!Files.isDirectory(DIRECTORY.resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core (run: npm ci --prefix src/test/browser; the Maven build does it)");
        }
        return missing;
    }

    public static Result run(String script, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOTS);
        Path log = Files.createTempFile("browser-" + script, ".log");
        ProcessBuilder builder = new ProcessBuilder("node", DIRECTORY.resolve(script).toString())
                .directory(DIRECTORY.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("CHROMIUM", CHROMIUM.toString());
        builder.environment().put("SCREENSHOTS", SCREENSHOTS.toString());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                return new Result(-1, Files.readString(log, StandardCharsets.UTF_8)
                        + "\n[stopped after " + timeoutSeconds + " s]");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
