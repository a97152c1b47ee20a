package dev.switchboard.store;

import java.sql.SQLIntegrityConstraintViolationException;

/** Reading database failures that mean "already there" rather than "broken". */
public final class Constraints {

    private Constraints() {
    }

    /** True when the failure (or one of its causes) is a unique key or other constraint refusing the row. */
    public static boolean violated(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
