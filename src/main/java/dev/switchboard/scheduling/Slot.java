package dev.switchboard.scheduling;

import java.time.Instant;

/** A free visit slot of one engineer, [start, end). */
public record Slot(long engineerId, String engineerName, Instant start, Instant end) {
}
