package dev.switchboard.queues;

import dev.switchboard.config.AnswerTargetConfig;
import dev.switchboard.config.QueuesConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which target applies to a queue: T from config if set, else Asterisk's own servicelevel for
 * the queue (so the PBX and the wallboard agree by default), else the default; percent and the
 * short-abandon threshold from config, else the default.
 */
public final class AnswerTargets {

    private final QueuesConfig config;
    private final Map<String, Integer> asteriskServiceLevels = new ConcurrentHashMap<>();

    public AnswerTargets(QueuesConfig config) {
        this.config = config;
    }

    /** Asterisk's servicelevel for a queue, from QueueParams (0: not set). */
    public void asteriskServiceLevel(String queue, int seconds) {
        if (seconds > 0) {
            asteriskServiceLevels.put(queue, seconds);
        } else {
            asteriskServiceLevels.remove(queue);
        }
    }

    public AnswerTarget of(String queue) {
        AnswerTargetConfig own = config.targets().getOrDefault(queue, new AnswerTargetConfig(null, null, null));
        AnswerTargetConfig defaults = config.defaults();
        Integer asterisk = asteriskServiceLevels.get(queue);
        int answer;
        String source;
        if (own.answerSeconds() != null) {
            answer = own.answerSeconds();
            source = "config";
        } else if (asterisk != null) {
            answer = asterisk;
            source = "asterisk";
        } else {
            answer = defaults.answerSeconds();
            source = "default";
        }
        return new AnswerTarget(answer, own.percent() != null ? own.percent() : defaults.percent(),
                own.shortAbandonSeconds() != null ? own.shortAbandonSeconds() : defaults.shortAbandonSeconds(), source);
    }
}
