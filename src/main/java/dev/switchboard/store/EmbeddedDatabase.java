package dev.switchboard.store;

import ch.vorburger.exec.ManagedProcessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The embedded MariaDB, started and secured, with Switchboard's database in it. Blocking: start
 * and stop it from a worker thread.
 */
public final class EmbeddedDatabase {

    public static final String DATABASE_NAME = "switchboard";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedMariaDb server;
    private final ConnectionSettings serverSettings;

    private EmbeddedDatabase(EmbeddedMariaDb server, ConnectionSettings serverSettings) {
        this.server = server;
        this.serverSettings = serverSettings;
    }

    /**
     * @param dataRoot Switchboard's data directory; the server lives in its {@code mariadb/}
     */
    public static EmbeddedDatabase start(Path dataRoot, EmbeddedServerOptions options, int connectTimeoutSeconds) {
        Path home = dataRoot.resolve("mariadb");
        int chosenPort = options.port() == 0 ? freePort() : options.port();
        EmbeddedMariaDb server;
        try {
            server = EmbeddedMariaDb.start(home, chosenPort, options.bufferPoolMb(), options.startTimeout());
        } catch (ManagedProcessException e) {
            throw new DatabaseUnavailableException(StartFailure.explain(home.toAbsolutePath(), chosenPort,
                    options.startTimeout(), e), e);
        }
        try {
            String password = new EmbeddedCredentials(server.home()).ensurePassword(chosenPort);
            EmbeddedDatabase database = new EmbeddedDatabase(server, new ConnectionSettings(
                    EmbeddedCredentials.url(chosenPort), EmbeddedCredentials.USER, password, connectTimeoutSeconds));
            database.createDatabase(DATABASE_NAME);
            log.info("Embedded MariaDB ready on 127.0.0.1:{}, data in {}, buffer pool {} MiB", chosenPort,
                    home.toAbsolutePath(), options.bufferPoolMb());
            return database;
        } catch (IOException | SQLException | RuntimeException e) {
            stopQuietly(server);
            throw new DatabaseUnavailableException("the embedded MariaDB in " + home.toAbsolutePath()
                    + " started but could not be prepared (" + e.getMessage() + "): if its root-password file"
                    + " was removed, restore it or start with an empty data directory", e);
        }
    }

    /**
     * Switchboard's database on the embedded server of a Switchboard running now on the same data
     * directory, for a tool that works beside it (resetting a password); empty when none runs.
     */
    public static Optional<ConnectionSettings> ofRunningService(Path dataRoot, int connectTimeoutSeconds) {
        Path home = dataRoot.resolve("mariadb").toAbsolutePath().normalize();
        return ServerOnDisk.find(home).filter(server -> server.owner().isPresent() && server.port().isPresent())
                .map(server -> {
                    try {
                        String password = new EmbeddedCredentials(home).existingPassword();
                        log.info("Using the embedded MariaDB of the Switchboard running on {} (server pid {})",
                                dataRoot.toAbsolutePath(), server.pid());
                        return new ConnectionSettings(EmbeddedCredentials.url(server.port().getAsInt()) + DATABASE_NAME,
                                EmbeddedCredentials.USER, password, connectTimeoutSeconds);
                    } catch (IOException e) {
                        throw new DatabaseUnavailableException("a Switchboard is running on " + dataRoot.toAbsolutePath()
                                + " but its database password cannot be read from " + home + " ("
                                + e.getMessage() + ")", e);
                    }
                });
    }

    /** Switchboard's own database on this server. */
    public ConnectionSettings settings() {
        return database(DATABASE_NAME);
    }

    /** Another database on the same server (tests use one per test class); not created here. */
    public ConnectionSettings database(String name) {
        return new ConnectionSettings(serverSettings.jdbcUrl() + name, serverSettings.user(),
                serverSettings.password(), serverSettings.connectTimeoutSeconds());
    }

    /** Creates a database when it does not exist yet. */
    public void createDatabase(String name) throws SQLException {
        if (!name.matches("[a-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(serverSettings.jdbcUrl(), serverSettings.driverProperties());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    public int port() {
        return server.port();
    }

    /** Stops the server cleanly (mariadbd flushes and closes its files on SIGTERM). */
    public void stop() {
        stopQuietly(server);
        log.info("Embedded MariaDB stopped");
    }

    private static void stopQuietly(EmbeddedMariaDb server) {
        try {
            server.stop();
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DatabaseUnavailableException("no free TCP port for the embedded MariaDB", e);
        }
    }
}
