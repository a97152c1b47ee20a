package dev.switchboard.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * Queue figures: targets per queue and the defaults for the others (always complete), wrap-up
 * per queue, the rolling window, and the time zone of the call centre's day.
 */
public record QueuesConfig(Map<String, AnswerTargetConfig> targets, AnswerTargetConfig defaults,
                           Map<String, Integer> wrapUpSeconds, Duration rollingWindow, ZoneId zone) {
    public QueuesConfig {
        targets = Map.copyOf(targets);
        wrapUpSeconds = Map.copyOf(wrapUpSeconds);
    }
}
