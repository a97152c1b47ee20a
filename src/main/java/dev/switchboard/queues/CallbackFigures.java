package dev.switchboard.queues;

/**
 * A queue's callbacks requested in a period: how many, how many reached the customer or gave up,
 * how many still wait and the longest of those waits, and the average wait from request to the
 * customer answering (null before the first).
 */
public record CallbackFigures(long requested, long connected, long failed, long waiting, long longestWaitSeconds,
                              Double averageWaitSeconds) {

    static final CallbackFigures NONE = new CallbackFigures(0, 0, 0, 0, 0, null);
}
