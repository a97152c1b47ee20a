package dev.switchboard.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the warnings and errors logged in this process while it is attached, and keeps the
 * first few of each so that a report can say what they were.
 */
final class LogTally extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private static final int KEPT = 5;

    private final AtomicLong warnings = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final List<String> firstWarnings = new ArrayList<>();
    private final List<String> firstErrors = new ArrayList<>();

    /** Attached to the root logger from now until {@link #close()}. */
    static LogTally attach() {
        LogTally tally = new LogTally();
        tally.setName("bench-log-tally");
        tally.setContext(root().getLoggerContext());
        tally.start();
        root().addAppender(tally);
        return tally;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            errors.incrementAndGet();
            keep(firstErrors, event);
        } else if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            warnings.incrementAndGet();
            keep(firstWarnings, event);
        }
    }

    private static void keep(List<String> kept, ILoggingEvent event) {
        synchronized (kept) {
            if (kept.size() < KEPT) {
                kept.add(event.getLoggerName() + ": " + event.getFormattedMessage());
            }
        }
    }

    long warnings() {
        return warnings.get();
    }

    long errors() {
        return errors.get();
    }

    List<String> firstWarnings() {
        synchronized (firstWarnings) {
            return List.copyOf(firstWarnings);
        }
    }

    List<String> firstErrors() {
        synchronized (firstErrors) {
            return List.copyOf(firstErrors);
        }
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }
}
