package dev.switchboard.store;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/** Tells a database that is away from a statement it refuses. */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /**
     * A lost or refused connection: worth retrying as it is. Decided by the first SQL error in the
     * causes, by its SQLState class 08 (connection exception) — not by its Java type, which the
     * MariaDB driver also uses for errors it does not classify (a value too long for its column
     * comes as a "transient connection" exception with SQLState 01000).
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null ? sql instanceof SQLNonTransientConnectionException : state.startsWith("08");
            }
            if (t instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database refuses what was sent, not the connection: a value too long or not allowed
     * (SQLState classes 22 and 23, and 01 for MariaDB's "Data truncated"). Sending the same again
     * fails the same way. Anything else is worth retrying.
     */
    public static boolean refusesContent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("01"));
            }
        }
        return false;
    }
}
