package dev.switchboard.store;

import dev.switchboard.config.DatabaseConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Switchboard's database: the connection pool, and the embedded server when no external one is
 * configured. Opening it proves the database is reachable with the configured credentials.
 */
public final class Database {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** A tool beside the service does one thing at a time: it needs few connections of the service's database. */
    private static final int TOOL_POOL_SIZE = 2;

    private final Vertx vertx;
    private final ConnectionSettings settings;
    private final Optional<EmbeddedDatabase> embedded;
    private final Pool pool;

    private Database(Vertx vertx, ConnectionSettings settings, Optional<EmbeddedDatabase> embedded, Pool pool) {
        this.vertx = vertx;
        this.settings = settings;
        this.embedded = embedded;
        this.pool = pool;
    }

    /** Starts the embedded server if needed, checks the connection and creates the pool. */
    public static Future<Database> open(Vertx vertx, DatabaseConfig config, Path dataDir) {
        return vertx.<Database>executeBlocking(() -> {
            Optional<EmbeddedDatabase> embedded = config.embedded()
                    ? Optional.of(EmbeddedDatabase.start(dataDir, new EmbeddedServerOptions(config.embeddedPort(),
                            config.embeddedBufferPoolMb(), config.embeddedStartTimeout()),
                            config.connectTimeoutSeconds()))
                    : Optional.empty();
            ConnectionSettings settings = embedded.map(EmbeddedDatabase::settings).orElseGet(() ->
                    new ConnectionSettings(config.url().orElseThrow(), config.user(), config.password(),
                            config.connectTimeoutSeconds()));
            try {
                DatabaseProbe.check(settings);
            } catch (RuntimeException e) {
                embedded.ifPresent(EmbeddedDatabase::stop);
                throw e;
            }
            if (embedded.isEmpty()) {
                log.info("Using external MariaDB at {}", settings.displayUrl());
            }
            return new Database(vertx, settings, embedded, createPool(vertx, settings, config.poolSize()));
        }, false);
    }

    /**
     * For a tool run beside the service (a password reset): the database of the Switchboard running
     * on the same data directory when there is one (its embedded server is left alone), else as
     * {@link #open}.
     */
    public static Future<Database> openBeside(Vertx vertx, DatabaseConfig config, Path dataDir) {
        if (!config.embedded()) {
            return open(vertx, config, dataDir);
        }
        return vertx.<Optional<ConnectionSettings>>executeBlocking(() ->
                        EmbeddedDatabase.ofRunningService(dataDir, config.connectTimeoutSeconds()), false)
                .compose(running -> running.isEmpty() ? open(vertx, config, dataDir)
                        : vertx.executeBlocking(() -> {
                            DatabaseProbe.check(running.get());
                            return new Database(vertx, running.get(), Optional.empty(),
                                    createPool(vertx, running.get(), TOOL_POOL_SIZE));
                        }, false));
    }

    /**
     * The JDBC pool never learns that a connection broke (its connections always say they are
     * valid): after MariaDB restarts, every pooled connection would fail for ever. Replacing each
     * connection after this many seconds bounds how long the service needs to come back.
     */
    static final int CONNECTION_LIFETIME_SECONDS = 30;

    /** A connection pool on these settings (the service makes one; tests make their own). */
    public static Pool createPool(Vertx vertx, ConnectionSettings settings, int size) {
        JDBCConnectOptions connect = new JDBCConnectOptions()
                .setJdbcUrl(settings.jdbcUrlWithTimeout())
                .setUser(settings.user())
                .setPassword(settings.password());
        return JDBCPool.pool(vertx, connect, new PoolOptions().setMaxSize(size).setName("switchboard-db")
                .setMaxLifetime(CONNECTION_LIFETIME_SECONDS).setMaxLifetimeUnit(TimeUnit.SECONDS)
                .setPoolCleanerPeriod(1000));
    }

    public Pool pool() {
        return pool;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    /** Closes the pool, then stops the embedded server if there is one. */
    public Future<Void> close() {
        return pool.close()
                .otherwiseEmpty()
                .compose(v -> vertx.executeBlocking(() -> {
                    embedded.ifPresent(EmbeddedDatabase::stop);
                    return null;
                }, false));
    }
}
