package dev.switchboard.calls;

import java.time.Instant;
import java.util.List;

/** Callers who hung up while waiting in a queue, newest first, and how many there were in all. */
public record AbandonedCalls(List<Call> calls, long total) {

    /** One of them: when they gave up, where, who, and how long they had waited (Asterisk's HoldTime). */
    public record Call(Instant at, String queue, String callerNumber, String account, Long waitSeconds,
                       Integer position, String linkedid) {
    }
}
