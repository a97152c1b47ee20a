package dev.switchboard.calls;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An immutable copy of a {@link CallJourney}: one call from its first channel to its hang-up.
 * {@code source} says who first recorded the call, {@code endedSource} where its end came from
 * (null while it has none); {@code channels} are the Uniqueids of its channels seen created.
 */
public record JourneyRecord(String server, String linkedid, String callerNumber, String callerName,
                            String ivrAccount, Instant startedAt, Long ivrSeconds, Instant endedAt,
                            List<LegRecord> legs, FactSource source, FactSource endedSource, Set<String> channels) {
    public JourneyRecord {
        legs = List.copyOf(legs);
        channels = Set.copyOf(channels);
    }

    /** A journey whose channels are not known. */
    public JourneyRecord(String server, String linkedid, String callerNumber, String callerName, String ivrAccount,
                         Instant startedAt, Long ivrSeconds, Instant endedAt, List<LegRecord> legs, FactSource source,
                         FactSource endedSource) {
        this(server, linkedid, callerNumber, callerName, ivrAccount, startedAt, ivrSeconds, endedAt, legs, source,
                endedSource, Set.of());
    }

    public JourneyRecord withLegs(List<LegRecord> newLegs) {
        return new JourneyRecord(server, linkedid, callerNumber, callerName, ivrAccount, startedAt, ivrSeconds,
                endedAt, newLegs, source, endedSource, channels);
    }

    public JourneyRecord withChannels(Set<String> newChannels) {
        return new JourneyRecord(server, linkedid, callerNumber, callerName, ivrAccount, startedAt, ivrSeconds,
                endedAt, legs, source, endedSource, newChannels);
    }
}
