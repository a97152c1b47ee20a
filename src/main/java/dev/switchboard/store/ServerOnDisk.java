package dev.switchboard.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded MariaDB process named by a data directory's pid file, if it is running: either the
 * server of a Switchboard that is running now (its parent is that Java process), or one left behind
 * by a Switchboard that was killed (kill -9 leaves the server running, adopted by init).
 */
final class ServerOnDisk {

    private static final Logger log = LoggerFactory.getLogger(ServerOnDisk.class);
    static final String PID_FILE = "mariadbd.pid";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Pattern PORT = Pattern.compile("--port=(\\d+)");

    private final ProcessHandle server;
    private final String commandLine;

    private ServerOnDisk(ProcessHandle server, String commandLine) {
        this.server = server;
        this.commandLine = commandLine;
    }

    /** The running server of the embedded database under {@code home}, if any. */
    static Optional<ServerOnDisk> find(Path home) {
        Path pidFile = home.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        String dataDir = home.resolve("data").toString();
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> p.info().commandLine()
                    .filter(cmd -> cmd.contains(dataDir)).map(cmd -> new ServerOnDisk(p, cmd)));
        } catch (IOException | NumberFormatException e) {
            log.warn("Ignoring unreadable pid file {}: {}", pidFile, e.getMessage());
            return Optional.empty();
        }
    }

    long pid() {
        return server.pid();
    }

    /**
     * The Switchboard (or other Java tool) that started this server and still runs, if there is
     * one; a server left behind has been adopted by init (pid 1) or by no Java process.
     */
    Optional<ProcessHandle> owner() {
        return server.parent().filter(ProcessHandle::isAlive).filter(p -> p.pid() != 1)
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("java")).orElse(false));
    }

    OptionalInt port() {
        Matcher m = PORT.matcher(commandLine);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** Stops a server nobody owns any more, cleanly (SIGTERM), by force after a grace period. */
    void stopLeftBehind() {
        log.warn("Stopping embedded MariaDB left running by an earlier run (pid {})", server.pid());
        server.destroy();
        try {
            server.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            server.destroyForcibly();
        }
    }
}
