package dev.switchboard.calls;

import java.time.Instant;
import java.util.List;

/**
 * An immutable copy of a {@link CallLeg}, as stored and as served by the API. {@code joinedSource}
 * says whether {@code joinedAt} was reported or estimated; {@code outcomeSource} where the outcome
 * came from (null while waiting).
 */
public record LegRecord(int legNo, String uniqueid, String queue, Instant joinedAt, Integer position,
                        Integer originalPosition, LegOutcome outcome, Instant leftAt, Long holdSeconds,
                        Long ringSeconds, Long talkSeconds, String agentName, String agentInterface,
                        int ringNoAnswers, String completedBy, List<RingRecord> rings, FactSource joinedSource,
                        FactSource outcomeSource) {
    public LegRecord {
        rings = List.copyOf(rings);
    }

    public LegRecord withRings(List<RingRecord> newRings) {
        return new LegRecord(legNo, uniqueid, queue, joinedAt, position, originalPosition, outcome, leftAt,
                holdSeconds, ringSeconds, talkSeconds, agentName, agentInterface, ringNoAnswers, completedBy,
                newRings, joinedSource, outcomeSource);
    }
}
