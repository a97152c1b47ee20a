package dev.switchboard.queues;

/**
 * A queue's answer-time target: answer within {@code answerSeconds} for {@code percent} % of
 * calls, not counting callers who hang up within {@code shortAbandonSeconds}. {@code source}
 * says where T came from: config, asterisk (the queue's servicelevel) or default.
 */
public record AnswerTarget(int answerSeconds, double percent, int shortAbandonSeconds, String source) {
}
