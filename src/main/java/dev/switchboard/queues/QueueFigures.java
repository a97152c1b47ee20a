package dev.switchboard.queues;

/**
 * A queue's figures over a period, as DESIGN.md defines them. Percentages are 0–100 and null
 * when their denominator is 0; ASA and AHT in seconds, null without answered calls.
 */
public record QueueFigures(long offered, long answered, long answeredWithinTarget, long abandoned,
                           long abandonedShort, long timedOut, Double serviceLevel, Double serviceLevelAsterisk,
                           Double serviceLevel2Asterisk, Double asaSeconds, Double ahtSeconds, Double abandonRate) {
}
