package dev.switchboard.store;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that is away from a statement it refuses. */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** A lost or refused connection somewhere in the causes: worth retrying as it is. */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
