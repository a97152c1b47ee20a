package dev.switchboard.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One prepared INSERT collecting rows until {@link #flush()}. It never flushes on its own: the
 * caller flushes tables parent-first, so a child row never reaches the server before its parent.
 */
final class Batch implements AutoCloseable {

    private final PreparedStatement statement;
    private int pending;
    private long written;

    Batch(Connection connection, String sql) throws SQLException {
        this.statement = connection.prepareStatement(sql);
    }

    void add(Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
        pending++;
    }

    void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            written += pending;
            pending = 0;
        }
    }

    long written() {
        return written;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
