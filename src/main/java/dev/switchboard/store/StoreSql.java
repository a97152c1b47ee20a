package dev.switchboard.store;

/** SQL the store itself runs. */
final class StoreSql {

    static final String CURRENT_SCHEMA_VERSION =
            "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL "
                    + "ORDER BY installed_rank DESC LIMIT 1";

    private StoreSql() {
    }
}
