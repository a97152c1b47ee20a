package dev.switchboard.queues;

/**
 * A queue's figures over a period, as DESIGN.md defines them. Percentages are 0–100 and null
 * when their denominator is 0; ASA and AHT in seconds, null without answered calls.
 * {@code callbackRequests} are callers who left their place in the queue to be called back: offered,
 * but neither answered nor abandoned, so outside the service level; how their callbacks went is
 * {@code callbacks}, a category of its own.
 */
public record QueueFigures(long offered, long answered, long answeredWithinTarget, long abandoned,
                           long abandonedShort, long timedOut, Double serviceLevel, Double serviceLevelAsterisk,
                           Double serviceLevel2Asterisk, Double asaSeconds, Double ahtSeconds, Double abandonRate,
                           long callbackRequests, CallbackFigures callbacks) {

    QueueFigures withCallbacks(CallbackFigures figures) {
        return new QueueFigures(offered, answered, answeredWithinTarget, abandoned, abandonedShort, timedOut,
                serviceLevel, serviceLevelAsterisk, serviceLevel2Asterisk, asaSeconds, ahtSeconds, abandonRate,
                callbackRequests, figures);
    }
}
