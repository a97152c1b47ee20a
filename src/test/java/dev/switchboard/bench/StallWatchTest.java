package dev.switchboard.bench;

import dev.switchboard.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A benchmark part fails within a minute of its progress stopping, and says what stopped. */
class StallWatchTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final StallWatch watch = new StallWatch("ingestion", "no AMI event counted", Duration.ofSeconds(60), clock,
            () -> "link UP (0 waiting, 0 channels), 1 reconnect, last lost: no answer to Ping within 4 s");

    @Test
    void a_count_that_stands_still_for_a_minute_fails_the_part_naming_what_stopped_and_the_link() {
        seeThenWait(1_000, Duration.ofSeconds(59));
        seeThenWait(1_000, Duration.ofSeconds(1));

        assertThatThrownBy(() -> watch.check(1_000)).isInstanceOf(BenchPartFailed.class)
                .hasMessage("ingestion stalled: no AMI event counted for 60 s (link UP (0 waiting, 0 channels), "
                        + "1 reconnect, last lost: no answer to Ping within 4 s)");
    }

    @Test
    void a_count_that_keeps_moving_never_fails_however_long_the_run() {
        assertThatCode(() -> {
            for (long count = 0; count < 100; count++) { // 83 minutes
                seeThenWait(count, Duration.ofSeconds(50));
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void the_minute_starts_again_at_each_move() {
        seeThenWait(1, Duration.ofSeconds(45));
        seeThenWait(2, Duration.ofSeconds(45));
        seeThenWait(2, Duration.ofSeconds(15));

        assertThatThrownBy(() -> watch.check(2)).isInstanceOf(BenchPartFailed.class)
                .hasMessageStartingWith("ingestion stalled: no AMI event counted for 60 s");
    }

    @Test
    void the_first_look_is_the_start_of_the_minute_not_a_stall() {
        clock.advance(Duration.ofHours(1));
        seeThenWait(0, Duration.ofSeconds(59));

        assertThatCode(() -> watch.check(0)).doesNotThrowAnyException();
    }

    private void seeThenWait(long count, Duration wait) {
        watch.check(count);
        clock.advance(wait);
    }
}
