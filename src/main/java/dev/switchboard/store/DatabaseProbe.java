package dev.switchboard.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens one connection to prove the database is there and the credentials work, turning the
 * driver's errors into a message that says which setting to fix. Blocking.
 */
final class DatabaseProbe {

    private DatabaseProbe() {
    }

    static void check(ConnectionSettings settings) {
        try (Connection c = DriverManager.getConnection(settings.displayUrl(), settings.driverProperties())) {
            c.isValid(settings.connectTimeoutSeconds());
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(explain(settings, e), e);
        }
    }

    static String explain(ConnectionSettings settings, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        if (code == 1045 || state.startsWith("28")) {
            return "database refused user '" + settings.user() + "' at " + settings.displayUrl()
                    + ": check SWITCHBOARD_DB_USER and SWITCHBOARD_DB_PASSWORD";
        }
        if (code == 1049) {
            return "database in " + settings.displayUrl() + " does not exist: create it or fix SWITCHBOARD_DB_URL";
        }
        if (code == 1044 || code == 1142) {
            return "user '" + settings.user() + "' may not use the database in " + settings.displayUrl()
                    + ": GRANT ALL ON it TO that user";
        }
        return "cannot reach the database at " + settings.displayUrl() + " within " + settings.connectTimeoutSeconds()
                + " s: check SWITCHBOARD_DB_URL and that MariaDB is running (" + firstLine(e.getMessage()) + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
