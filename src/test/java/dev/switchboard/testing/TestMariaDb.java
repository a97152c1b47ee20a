package dev.switchboard.testing;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.EmbeddedDatabase;
import dev.switchboard.store.EmbeddedServerOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded MariaDB for the whole test run (under target/), with a fresh, empty database
 * per caller. Started on first use, stopped when the test JVM exits. Surefire runs two test JVMs
 * at once: each takes the first of target/test-mariadb-1, -2, … that no other JVM holds (a file
 * lock kept for the JVM's life), so the data directories are reused from run to run.
 */
public final class TestMariaDb {

    /** Not MariaDB's default (128), so a test can see the setting reach the server. */
    public static final int BUFFER_POOL_MB = 256;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedDatabase server;
    /** The lock on this JVM's data directory, kept referenced so that it is never released early. */
    private static FileLock held;
    /** This JVM's data directory, once chosen: a failed start tries again here, never in a second one. */
    private static Path directory;

    private TestMariaDb() {
    }

    public static synchronized EmbeddedDatabase server() {
        if (server == null) {
            if (directory == null) {
                directory = freeDirectory();
            }
            try {
                server = start(directory);
            } catch (RuntimeException failed) {
                // a first start that failed half way (mariadb-install-db) leaves files a second
                // start trips over: start once more from an empty directory, the one this JVM holds
                deleteRecursively(directory);
                server = start(directory);
            }
            EmbeddedDatabase started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-mariadb-stop"));
        }
        return server;
    }

    private static EmbeddedDatabase start(Path dataDirectory) {
        return EmbeddedDatabase.start(dataDirectory,
                new EmbeddedServerOptions(0, BUFFER_POOL_MB, EmbeddedServerOptions.DEFAULT_START_TIMEOUT), 10);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + root + " for a second start", e);
        }
    }

    /** The first data directory no other test JVM holds; held by this one until it exits. */
    private static Path freeDirectory() {
        try {
            Files.createDirectories(Path.of("target"));
            for (int slot = 1; ; slot++) {
                FileChannel channel = FileChannel.open(Path.of("target", "test-mariadb-" + slot + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    held = lock;
                    return Path.of("target", "test-mariadb-" + slot);
                }
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot choose a directory for the test database", e);
        }
    }

    /** A new empty database, e.g. {@code migrations_3}. */
    public static ConnectionSettings freshDatabase(String prefix) {
        String name = prefix + "_" + COUNTER.incrementAndGet();
        try {
            execute("DROP DATABASE IF EXISTS " + name);
            server().createDatabase(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return server().database(name);
    }

    private static void execute(String sql) throws SQLException {
        ConnectionSettings root = server().database("");
        try (Connection c = DriverManager.getConnection(root.jdbcUrl(), root.driverProperties());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
