package dev.switchboard.telephony;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what Asterisk-Java throws away without telling its caller: events dropped because its
 * internal queue (20,000) was full, events of a type it has no class for, and blocks with
 * neither Event nor Response. It only reports these through its log, so this filter watches
 * those messages (whatever the log level) and counts them. One per JVM, like the logging it
 * watches; it never changes what is logged.
 */
public final class AsteriskJavaDiagnostics extends TurboFilter {

    private static final String PREFIX = "org.asteriskjava.manager.internal.";
    private static final AsteriskJavaDiagnostics INSTANCE = new AsteriskJavaDiagnostics();

    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unknownEventTypes = new AtomicLong();
    private final AtomicLong unreadableMessages = new AtomicLong();

    private AsteriskJavaDiagnostics() {
    }

    /** Installs the filter once and returns it. */
    public static synchronized AsteriskJavaDiagnostics install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && !context.getTurboFilterList().contains(INSTANCE)) {
            INSTANCE.setName("asterisk-java-diagnostics");
            INSTANCE.start();
            context.addTurboFilter(INSTANCE);
        }
        return INSTANCE;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (format != null && logger != null && logger.getName().startsWith(PREFIX)) {
            if (format.contains("Event queue is full")) {
                dropped.incrementAndGet();
            } else if (format.startsWith("No event class registered for event type")) {
                unknownEventTypes.incrementAndGet();
            } else if (format.startsWith("Buffer contains neither response nor event")) {
                unreadableMessages.incrementAndGet();
            }
        }
        return FilterReply.NEUTRAL;
    }

    /** Events Asterisk-Java dropped because its queue was full. */
    public long dropped() {
        return dropped.get();
    }

    public long unknownEventTypes() {
        return unknownEventTypes.get();
    }

    public long unreadableMessages() {
        return unreadableMessages.get();
    }
}
