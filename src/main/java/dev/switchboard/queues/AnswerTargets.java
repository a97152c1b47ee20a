package dev.switchboard.queues;

import dev.switchboard.config.AnswerTargetConfig;
import dev.switchboard.config.QueuesConfig;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which target applies to a queue: T as the admin set it, else from config, else Asterisk's own
 * servicelevel for the queue (so the PBX and the wallboard agree by default), else the default;
 * percent and the short-abandon threshold as the admin set them, else from config, else the
 * default.
 */
public final class AnswerTargets {

    private final QueuesConfig config;
    private final Map<String, Integer> asteriskServiceLevels = new ConcurrentHashMap<>();
    private final Map<String, AnswerTargetConfig> adminSet = new ConcurrentHashMap<>();

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

    /** What the admin set for a queue (null fields: not set, fall back); all null clears it. */
    public void adminSet(String queue, AnswerTargetConfig target) {
        if (target.answerSeconds() == null && target.percent() == null && target.shortAbandonSeconds() == null) {
            adminSet.remove(queue);
        } else {
            adminSet.put(queue, target);
        }
    }

    public AnswerTargetConfig adminSet(String queue) {
        return adminSet.getOrDefault(queue, NOT_SET);
    }

    /** The queues the admin or the config set a target for. */
    public Set<String> queuesWithTargets() {
        Set<String> names = new TreeSet<>(config.targets().keySet());
        names.addAll(adminSet.keySet());
        return names;
    }

    private static final AnswerTargetConfig NOT_SET = new AnswerTargetConfig(null, null, null);

    public AnswerTarget of(String queue) {
        AnswerTargetConfig admin = adminSet(queue);
        AnswerTargetConfig configured = config.targets().getOrDefault(queue, NOT_SET);
        AnswerTargetConfig own = new AnswerTargetConfig(
                admin.answerSeconds() != null ? admin.answerSeconds() : configured.answerSeconds(),
                admin.percent() != null ? admin.percent() : configured.percent(),
                admin.shortAbandonSeconds() != null ? admin.shortAbandonSeconds() : configured.shortAbandonSeconds());
        AnswerTargetConfig defaults = config.defaults();
        Integer asterisk = asteriskServiceLevels.get(queue);
        int answer;
        String source;
        if (admin.answerSeconds() != null) {
            answer = admin.answerSeconds();
            source = "admin";
        } else if (own.answerSeconds() != null) {
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
