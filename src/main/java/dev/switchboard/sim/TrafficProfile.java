package dev.switchboard.sim;

import java.util.List;

/**
 * What the synthetic call centre looks like: its queues and agents, how often callers ring,
 * how patient they are, how agents answer and talk. Times in seconds, rates per second.
 *
 * @param queues            the queues; callers pick one by its share
 * @param agents            agents logged in; the first five are the demo data's Alice … Erin
 * @param callsPerSecond    mean arrival rate (Poisson)
 * @param ivrSeconds        time in the IVR before the queue, [min, max]
 * @param accountEntryShare share of callers who key in an account number
 * @param withheldShare     share of callers who withhold their number
 * @param patienceSeconds   how long a caller waits before hanging up, [min, max]
 * @param ringSeconds       how long a phone rings before the agent answers or gives up, [min, max]
 * @param noAnswerShare     share of rings the agent does not answer
 * @param talkSeconds       talk time, [min, max]
 * @param wrapUpSeconds     after-call time before the agent takes the next call
 * @param pauseShare        share of finished calls after which the agent takes a pause
 * @param pauseSeconds      pause length, [min, max]
 * @param accounts          callers are drawn from the demo accounts 10000 … 10000+accounts-1
 * @param seed              the random seed: the same seed gives the same callers and choices
 */
public record TrafficProfile(List<QueueSpec> queues, int agents, double callsPerSecond, int[] ivrSeconds,
                             double accountEntryShare, double withheldShare, int[] patienceSeconds,
                             int[] ringSeconds, double noAnswerShare, int[] talkSeconds, int wrapUpSeconds,
                             double pauseShare, int[] pauseSeconds, int accounts, long seed) {

    /**
     * One queue: its answer-time target as Asterisk's {@code servicelevel}, its share of
     * callers, and the queue timeout after which callers move to {@code overflowTo} (0: none).
     */
    public record QueueSpec(String name, int serviceLevelSeconds, double share, int timeoutSeconds,
                            String overflowTo) {
    }

    public static final List<String> PAUSE_REASONS = List.of("break", "lunch", "after-call work", "training");

    /** The demo call centre: support and billing, billing overflowing to support after 60 s. */
    public static TrafficProfile demo(int agents, double callsPerSecond, int accounts, long seed) {
        return new TrafficProfile(List.of(
                new QueueSpec("support", 20, 0.7, 0, null),
                new QueueSpec("billing", 30, 0.3, 60, "support")),
                agents, callsPerSecond, new int[]{3, 12}, 0.7, 0.1, new int[]{5, 120}, new int[]{2, 6}, 0.1,
                new int[]{20, 180}, 5, 0.05, new int[]{20, 90}, accounts, seed);
    }

    public TrafficProfile {
        queues = List.copyOf(queues);
        if (queues.isEmpty() || agents < 1 || !(callsPerSecond > 0)) {
            throw new IllegalArgumentException("need at least one queue, one agent and a positive call rate");
        }
    }

    /** Agent {@code i}'s member name as Asterisk reports it. */
    public static String agentName(int i) {
        List<String> demo = List.of("Alice", "Bob", "Carol", "Dave", "Erin");
        return i < demo.size() ? demo.get(i) : String.format("Agent%04d", i + 1);
    }

    /** Agent {@code i}'s queue-member interface (the demo data maps Local/1001 … to Alice …). */
    public static String agentInterface(int i) {
        return "Local/" + (1001 + i) + "@agents/n";
    }

    /**
     * Which queues agent {@code i} serves: like the demo data, every fifth agent (Erin) only
     * billing, every fifth from the second (Bob) both, the others support; other queues all.
     */
    public boolean serves(int agent, String queue) {
        int kind = agent % 5;
        return switch (queue) {
            case "support" -> kind != 4;
            case "billing" -> kind == 1 || kind == 4;
            default -> true;
        };
    }
}
