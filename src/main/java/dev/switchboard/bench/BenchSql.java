package dev.switchboard.bench;

import dev.switchboard.store.ConnectionSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Plain JDBC for the benchmark's own set-up and checks, beside the service (never inside it). */
final class BenchSql {

    private final ConnectionSettings settings;

    BenchSql(ConnectionSettings settings) {
        this.settings = settings;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.driverProperties());
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A global status counter of the server, e.g. Innodb_buffer_pool_reads. */
    long status(String name) throws SQLException {
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement("SHOW GLOBAL STATUS LIKE ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(2) : -1;
            }
        }
    }

    /** Runs one parameterised statement for every row, in batches, in one transaction. */
    void batch(String sql, List<Object[]> rows) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int n = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        p.setObject(i + 1, row[i]);
                    }
                    p.addBatch();
                    if (++n % 1000 == 0) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            c.commit();
        }
    }
}
