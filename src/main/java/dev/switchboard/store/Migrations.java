package dev.switchboard.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the schema up to date with Flyway, on a worker thread (Flyway's JDBC calls block). */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** The outcome: how many migrations ran now, and the schema version the database is at. */
    public record Outcome(int applied, String schemaVersion) {
    }

    public static Future<Outcome> migrate(Vertx vertx, ConnectionSettings settings) {
        return vertx.executeBlocking(() -> migrateBlocking(settings), false);
    }

    /** The same, on the calling thread (commands and tests that are not on an event loop). */
    public static Outcome migrateBlocking(ConnectionSettings settings) {
        Flyway flyway = Flyway.configure()
                .dataSource(settings.jdbcUrlWithTimeout(), settings.user(), settings.password())
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        String version = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
        if (result.migrationsExecuted > 0) {
            log.info("Database schema migrated to version {} ({} migration(s) applied)", version,
                    result.migrationsExecuted);
        } else {
            log.info("Database schema up to date at version {}", version);
        }
        return new Outcome(result.migrationsExecuted, version);
    }
}
