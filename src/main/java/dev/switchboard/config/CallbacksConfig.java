package dev.switchboard.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How callbacks are placed: tries of the customer, the pause between them, how long the agent's
 * phone rings first, the dialplan context that then dials the customer, and the numbers a callback
 * may go to: patterns on the number in E.164 form ({@code +441632960001}), or (absent) the default
 * country's geographic and mobile numbers.
 */
public record CallbacksConfig(int attempts, Duration retryDelay, Duration agentRing, String context,
                              Optional<List<Pattern>> allowedNumbers) {

    public CallbacksConfig(int attempts, Duration retryDelay, Duration agentRing, String context) {
        this(attempts, retryDelay, agentRing, context, Optional.empty());
    }
}
