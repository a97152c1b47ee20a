package dev.switchboard.queues;

import java.util.List;

/**
 * Turns leg tallies into {@link QueueFigures} for one target. The definitions (DESIGN.md):
 * <ul>
 * <li>within target: hold time in Asterisk's whole seconds ≤ T;</li>
 * <li>short abandon: abandoned with hold &lt; the short-abandon threshold;</li>
 * <li>SL = answered within T ÷ (answered + abandoned − short abandons) × 100;</li>
 * <li>Asterisk's SL = answered within T ÷ answered; SL2 = (answered within T + abandoned within
 * T) ÷ (answered + abandoned), where, as in Asterisk, a caller moved on by the queue's timeout
 * counts as abandoned;</li>
 * <li>ASA = hold of answered ÷ answered; AHT = (talk + wrap-up) ÷ calls whose talk ended;</li>
 * <li>abandon rate = (abandoned − short abandons) ÷ offered × 100; offered = every leg that
 * joined the queue; timeouts are counted apart and never as answered;</li>
 * <li>a caller who left for a callback (exit with a key, as Asterisk logs it: no abandon) is
 * offered, counted as a callback request, and kept out of SL and the abandon rate, as Asterisk
 * keeps it out of its own.</li>
 * </ul>
 */
public final class FiguresCalculator {

    private FiguresCalculator() {
    }

    public static QueueFigures figures(List<LegTally> tallies, AnswerTarget target, int wrapUpSeconds) {
        long offered = 0;
        long answered = 0;
        long within = 0;
        long abandoned = 0;
        long abandonedShort = 0;
        long abandonedWithin = 0;
        long timedOut = 0;
        long timedOutWithin = 0;
        long callbackRequests = 0;
        long holdOfAnswered = 0;
        long talk = 0;
        long talked = 0;
        for (LegTally t : tallies) {
            offered += t.legs();
            boolean inTarget = t.holdSeconds() <= target.answerSeconds();
            if ("answered".equals(t.outcome())) {
                answered += t.legs();
                holdOfAnswered += t.holdSeconds() * t.legs();
                within += inTarget ? t.legs() : 0;
                talk += t.talkSeconds();
                talked += t.talked();
            } else if ("abandoned".equals(t.outcome())) {
                abandoned += t.legs();
                abandonedShort += t.holdSeconds() < target.shortAbandonSeconds() ? t.legs() : 0;
                abandonedWithin += inTarget ? t.legs() : 0;
            } else if ("timeout".equals(t.outcome())) {
                timedOut += t.legs();
                timedOutWithin += inTarget ? t.legs() : 0;
            } else if ("callback".equals(t.outcome())) {
                callbackRequests += t.legs();
            }
        }
        long counted = abandoned - abandonedShort;
        return new QueueFigures(offered, answered, within, abandoned, abandonedShort, timedOut,
                percent(within, answered + counted),
                percent(within, answered),
                percent(within + abandonedWithin + timedOutWithin, answered + abandoned + timedOut),
                answered == 0 ? null : (double) holdOfAnswered / answered,
                talked == 0 ? null : (double) (talk + (long) wrapUpSeconds * talked) / talked,
                percent(counted, offered),
                callbackRequests, CallbackFigures.NONE);
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }
}
