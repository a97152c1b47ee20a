package dev.switchboard.store;

import ch.vorburger.exec.ManagedProcessException;
import dev.switchboard.config.Settings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Why the embedded MariaDB did not start, in words an operator can act on: what went wrong, a hint
 * only where one is known to apply (a port that really is taken, a directory that really is not
 * writable, a limit that ran out), and the last lines the server printed.
 */
final class StartFailure {

    private static final int LINES_KEPT = 25;

    private StartFailure() {
    }

    static String explain(Path home, int port, Duration limit, ManagedProcessException e) {
        String printed = String.valueOf(e.getMessage());
        List<String> causes = new ArrayList<>();
        if (e instanceof StartTimedOut) {
            causes.add("it was not ready within " + limit.toSeconds() + " s (" + Settings.DB_EMBEDDED_START_TIMEOUT.env()
                    + "; raise it on a slow or busy machine)");
        }
        if (portTaken(port)) {
            causes.add("port " + port + " on 127.0.0.1 is in use by another program");
        }
        if (!writable(home)) {
            causes.add(home + " is not writable by this user");
        }
        return "the embedded MariaDB in " + home + " did not start"
                + (causes.isEmpty() ? "" : ": " + String.join("; ", causes))
                + ". What it reported:\n" + lastLines(printed);
    }

    private static boolean portTaken(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException taken) {
            return true;
        }
    }

    private static boolean writable(Path home) {
        Path existing = home;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.isWritable(existing);
    }

    private static String lastLines(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LINES_KEPT), lines.size()));
    }
}
