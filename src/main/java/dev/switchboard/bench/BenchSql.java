package dev.switchboard.bench;

import dev.switchboard.store.ConnectionSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** Every row of a query, each column as text (null for NULL). */
    List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new java.util.ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new java.util.ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
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

    /**
     * The ended calls stored among these Linkedids, each as "caller number|queue:outcome:hold
     * seconds:agent;…" in leg order ("-" for no agent).
     */
    Map<String, String> endedJourneys(Collection<String> linkedids) throws SQLException {
        Map<String, String> journeys = new HashMap<>();
        List<String> ids = List.copyOf(linkedids);
        try (Connection c = connect()) {
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                String sql = "SELECT j.linkedid, CONCAT(COALESCE(j.caller_number, ''), '|', COALESCE(GROUP_CONCAT("
                        + "CONCAT_WS(':', l.queue_name, l.outcome, l.hold_seconds, COALESCE(l.agent_member_name, '-'))"
                        + " ORDER BY l.leg_no SEPARATOR ';'), '')) FROM call_journeys j"
                        + " LEFT JOIN call_legs l ON l.journey_id = j.id"
                        + " WHERE j.ended_at IS NOT NULL AND j.linkedid IN (" + "?,".repeat(chunk.size() - 1) + "?)"
                        + " GROUP BY j.id, j.linkedid, j.caller_number";
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        p.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            journeys.put(r.getString(1), r.getString(2));
                        }
                    }
                }
            }
        }
        return journeys;
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
