package dev.switchboard.queues;

/**
 * How many queue legs of one queue ended one way after one hold time: the unit the figures are
 * counted from. {@code outcome} is answered, abandoned, timeout, or null (still waiting or not
 * known); {@code talkSeconds} sums the talk time of the {@code talked} legs whose call ended.
 */
public record LegTally(String queue, String outcome, long holdSeconds, long legs, long talkSeconds, long talked) {
}
