package dev.switchboard.queues;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The worked example of README's "Queue figures", computed by the code that computes them live. */
class FiguresCalculatorTest {

    private static final AnswerTarget TWENTY_SECONDS = new AnswerTarget(20, 80, 5, "config");

    @Test
    void a_caller_who_left_for_a_callback_is_offered_but_outside_service_level_and_abandon_rate() {
        List<LegTally> support = List.of(answered(5, 120), answered(30, 100),
                new LegTally("support", "abandoned", 40, 1, 0, 0),
                new LegTally("support", "callback", 90, 2, 0, 0));

        QueueFigures f = FiguresCalculator.figures(support, TWENTY_SECONDS, 0);

        assertThat(f.offered()).isEqualTo(5);
        assertThat(f.callbackRequests()).isEqualTo(2);
        assertThat(f.serviceLevel()).as("1 of 2 answered + 1 abandoned").isCloseTo(33.333, within(1e-3));
        assertThat(f.abandonRate()).as("1 abandon of 5 offered").isCloseTo(20.0, within(1e-9));
    }

    @Test
    void the_readme_example_gives_the_readme_figures() {
        List<LegTally> support = List.of(
                answered(5, 120), answered(12, 200), answered(18, 100), answered(20, 180), answered(25, 150),
                answered(40, 150),
                new LegTally("support", "abandoned", 3, 1, 0, 0),
                new LegTally("support", "abandoned", 12, 1, 0, 0),
                new LegTally("support", "abandoned", 30, 1, 0, 0),
                new LegTally("support", "timeout", 60, 1, 0, 0));

        QueueFigures f = FiguresCalculator.figures(support, TWENTY_SECONDS, 10);

        assertThat(f.offered()).isEqualTo(10);
        assertThat(f.answered()).isEqualTo(6);
        assertThat(f.answeredWithinTarget()).as("a hold of exactly 20 s is within 20 s").isEqualTo(4);
        assertThat(f.abandoned()).isEqualTo(3);
        assertThat(f.abandonedShort()).as("only the caller who hung up after 3 s is short").isEqualTo(1);
        assertThat(f.timedOut()).isEqualTo(1);
        assertThat(f.serviceLevel()).isCloseTo(50.0, within(1e-9));
        assertThat(f.serviceLevelAsterisk()).isCloseTo(66.667, within(1e-3));
        assertThat(f.serviceLevel2Asterisk()).isCloseTo(60.0, within(1e-9));
        assertThat(f.asaSeconds()).isCloseTo(20.0, within(1e-9));
        assertThat(f.ahtSeconds()).isCloseTo(160.0, within(1e-9));
        assertThat(f.abandonRate()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void a_caller_who_hangs_up_after_13_s_counts_as_abandoned_after_the_short_abandon_threshold() {
        QueueFigures f = FiguresCalculator.figures(List.of(new LegTally("support", "abandoned", 13, 1, 0, 0)),
                TWENTY_SECONDS, 0);

        assertThat(f.abandonedShort()).isZero();
        assertThat(f.serviceLevel()).isCloseTo(0.0, within(1e-9));
        assertThat(f.abandonRate()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void a_queue_without_calls_has_no_percentages_rather_than_zero() {
        QueueFigures f = FiguresCalculator.figures(List.of(), TWENTY_SECONDS, 0);

        assertThat(f.offered()).isZero();
        assertThat(f.serviceLevel()).isNull();
        assertThat(f.asaSeconds()).isNull();
    }

    private static LegTally answered(long hold, long talk) {
        return new LegTally("support", "answered", hold, 1, talk, 1);
    }
}
