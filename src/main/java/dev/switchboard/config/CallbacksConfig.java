package dev.switchboard.config;

import java.time.Duration;

/**
 * How callbacks are placed: tries of the customer, the pause between them, how long the agent's
 * phone rings first, and the dialplan context that then dials the customer.
 */
public record CallbacksConfig(int attempts, Duration retryDelay, Duration agentRing, String context) {
}
