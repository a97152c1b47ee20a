package dev.switchboard;

import dev.switchboard.telephony.RateLimitedLog;
import io.vertx.core.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Vert.x could not hand to anyone: logged as an error with its stack, except one known,
 * harmless race of the SQL client's connection pool, which is a warning.
 */
final class UnhandledFailures implements Handler<Throwable> {

    private static final Logger log = LoggerFactory.getLogger(UnhandledFailures.class);
    private final RateLimitedLog poolRace = new RateLimitedLog(log, 60_000);

    @Override
    public void handle(Throwable failure) {
        if (isPoolTimeoutRace(failure)) {
            poolRace.warn("A request that waited for a database connection got one just as its wait timed out; it was"
                    + " served and nothing was lost (a known race in the Vert.x SQL client's pool, "
                    + "eclipse-vertx/vertx-sql-client#1567)");
        } else {
            log.error("Unhandled failure", failure);
        }
    }

    /**
     * The pool's wait timer fires after the waiting request was given a connection and tries to
     * fail it again: {@code IllegalStateException: Promise already completed} from the pool request's
     * enqueue callback.
     */
    static boolean isPoolTimeoutRace(Throwable failure) {
        if (!(failure instanceof IllegalStateException) || !"Promise already completed".equals(failure.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("io.vertx.sqlclient.impl.pool.SqlConnectionPool")
                    && frame.getMethodName().contains("onEnqueue")) {
                return true;
            }
        }
        return false;
    }
}
