package dev.switchboard.config;

/**
 * An answer-time target as configured: answer within {@code answerSeconds} (null: not set here),
 * for {@code percent} % of calls (null: not set), not counting callers who hang up within
 * {@code shortAbandonSeconds} (null: not set).
 */
public record AnswerTargetConfig(Integer answerSeconds, Double percent, Integer shortAbandonSeconds) {
}
