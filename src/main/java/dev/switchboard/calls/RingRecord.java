package dev.switchboard.calls;

import java.time.Instant;

/**
 * One time the queue rang an agent for a call. {@code outcome} is answered, no_answer or
 * cancelled (the caller left, or another agent answered first), null while ringing.
 */
public record RingRecord(int ringNo, String agentName, String agentInterface, Instant rungAt, String outcome,
                         Long ringMillis, FactSource source) {
}
