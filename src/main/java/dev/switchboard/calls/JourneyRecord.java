package dev.switchboard.calls;

import java.time.Instant;
import java.util.List;

/**
 * An immutable copy of a {@link CallJourney}: one call from its first channel to its hang-up.
 * {@code source} says who first recorded the call, {@code endedSource} where its end came from
 * (null while it has none).
 */
public record JourneyRecord(String server, String linkedid, String callerNumber, String callerName,
                            String ivrAccount, Instant startedAt, Long ivrSeconds, Instant endedAt,
                            List<LegRecord> legs, FactSource source, FactSource endedSource) {
    public JourneyRecord {
        legs = List.copyOf(legs);
    }

    public JourneyRecord withLegs(List<LegRecord> newLegs) {
        return new JourneyRecord(server, linkedid, callerNumber, callerName, ivrAccount, startedAt, ivrSeconds,
                endedAt, newLegs, source, endedSource);
    }
}
