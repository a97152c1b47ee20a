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

    private TestMariaDb() {
    }

    public static synchronized EmbeddedDatabase server() {
        if (server == null) {
            server = EmbeddedDatabase.start(freeDirectory(),
                    new EmbeddedServerOptions(0, BUFFER_POOL_MB, EmbeddedServerOptions.DEFAULT_START_TIMEOUT), 10);
            EmbeddedDatabase started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-mariadb-stop"));
        }
        return server;
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
