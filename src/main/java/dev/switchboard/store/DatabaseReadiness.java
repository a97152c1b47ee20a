package dev.switchboard.store;

import dev.switchboard.health.ReadinessCheck;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Ready when the database answers and its schema is at the version this build migrated to. */
public final class DatabaseReadiness implements ReadinessCheck {

    private static final long TIMEOUT_SECONDS = 3;
    private final Pool pool;
    private final String expectedVersion;

    public DatabaseReadiness(Pool pool, String expectedVersion) {
        this.pool = pool;
        this.expectedVersion = expectedVersion;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Future<Optional<String>> notReadyReason() {
        return pool.query(StoreSql.CURRENT_SCHEMA_VERSION).execute()
                .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .map(rows -> {
                    String version = rows.size() == 0 ? "none" : rows.iterator().next().getString(0);
                    return expectedVersion.equals(version) ? Optional.<String>empty()
                            : Optional.of("schema is at version " + version + ", expected " + expectedVersion);
                })
                .otherwise(e -> Optional.of("database unreachable: " + e.getMessage()));
    }
}
