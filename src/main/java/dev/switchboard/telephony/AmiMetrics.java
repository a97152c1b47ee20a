package dev.switchboard.telephony;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.LongSupplier;

/**
 * Counters for one AMI connection, plus the JVM-wide ones Asterisk-Java only reports through its
 * log ({@link AsteriskJavaDiagnostics}). Exposed on {@code /metrics}.
 */
final class AmiMetrics {

    final Counter received;
    final Counter translated;
    final Counter malformed;
    final Counter reconnects;
    final Counter latePings;

    AmiMetrics(MeterRegistry registry, String server) {
        received = Counter.builder("switchboard.ami.events.received").tag("server", server)
                .description("AMI events delivered by Asterisk-Java").register(registry);
        translated = Counter.builder("switchboard.ami.events.used").tag("server", server)
                .description("AMI events the call flow uses").register(registry);
        malformed = Counter.builder("switchboard.ami.events.malformed").tag("server", server)
                .description("AMI events missing a field the call flow needs").register(registry);
        reconnects = Counter.builder("switchboard.ami.reconnects").tag("server", server)
                .description("AMI connections lost and re-established").register(registry);
        latePings = Counter.builder("switchboard.ami.pings.late").tag("server", server)
                .description("watchdog Pings not answered in time while events kept arriving (a busy link, kept up)")
                .register(registry);
        AsteriskJavaDiagnostics diagnostics = AsteriskJavaDiagnostics.install();
        registerOnce(registry, "switchboard.ami.events.dropped", diagnostics::dropped,
                "AMI events Asterisk-Java dropped because its event queue was full");
        registerOnce(registry, "switchboard.ami.events.unknown", diagnostics::unknownEventTypes,
                "AMI events of a type Asterisk-Java does not know");
        registerOnce(registry, "switchboard.ami.messages.unreadable", diagnostics::unreadableMessages,
                "AMI messages with neither Event nor Response");
    }

    private static void registerOnce(MeterRegistry registry, String name, LongSupplier value,
                                     String description) {
        if (registry.find(name).functionCounter() == null) {
            FunctionCounter.builder(name, value, v -> v.getAsLong()).description(description).register(registry);
        }
    }
}
