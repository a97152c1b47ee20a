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
 * watches.
 * <p>
 * One thing it does change: a response that arrives after its action timed out (a watchdog Ping
 * answered late behind a flood of events, which the link keeps) is logged by Asterisk-Java as two
 * ERROR lines, the second only a date. That is not an error of the service; it becomes one
 * rate-limited WARN of Switchboard's instead.
 */
public final class AsteriskJavaDiagnostics extends TurboFilter {

    private static final String PREFIX = "org.asteriskjava.manager.internal.";
    private static final String CONNECTION_LOGGER = PREFIX + "ManagerConnectionImpl";
    private static final String LATE_RESPONSE = "Response arrived after Disposal";
    private static final RateLimitedLog lateResponseLog =
            new RateLimitedLog(LoggerFactory.getLogger(AsteriskJavaDiagnostics.class), 10_000);
    private static final AsteriskJavaDiagnostics INSTANCE = new AsteriskJavaDiagnostics();

    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unknownEventTypes = new AtomicLong();
    private final AtomicLong unreadableMessages = new AtomicLong();
    private final AtomicLong lateResponses = new AtomicLong();
    /** Asterisk-Java logs the late response's date on the next line, from the same thread. */
    private final ThreadLocal<Boolean> lateResponseDateNext = ThreadLocal.withInitial(() -> false);

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
            if (logger.getName().equals(CONNECTION_LOGGER) && level == Level.ERROR) {
                if (format.startsWith(LATE_RESPONSE)) {
                    lateResponses.incrementAndGet();
                    lateResponseDateNext.set(true);
                    lateResponseLog.warn("Asterisk answered an action after its time-out (a busy link: its answer "
                            + "waited behind events); {} such late answers so far", lateResponses.get());
                    return FilterReply.DENY;
                }
                if (lateResponseDateNext.get()) {
                    lateResponseDateNext.set(false);
                    return FilterReply.DENY;
                }
            }
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

    /** Responses that came after their action had timed out. */
    public long lateResponses() {
        return lateResponses.get();
    }
}
