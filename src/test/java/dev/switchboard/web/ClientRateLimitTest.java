package dev.switchboard.web;

import dev.switchboard.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket per client address that keeps /survey/* from being hammered. */
class ClientRateLimitTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"));
    private final ClientRateLimit limit = new ClientRateLimit(3, Duration.ofSeconds(2), clock);

    @Test
    void an_address_gets_its_burst_then_waits_for_the_next_token() {
        assertThat(limit.take("198.51.100.7")).isZero();
        assertThat(limit.take("198.51.100.7")).isZero();
        assertThat(limit.take("198.51.100.7")).isZero();

        assertThat(limit.take("198.51.100.7")).as("seconds to wait").isEqualTo(2);
        clock.advance(Duration.ofMillis(1500));
        assertThat(limit.take("198.51.100.7")).as("half a second still to go, rounded up").isEqualTo(1);
        clock.advance(Duration.ofMillis(500));
        assertThat(limit.take("198.51.100.7")).as("one token back after 2 s").isZero();
        assertThat(limit.take("198.51.100.7")).isPositive();
    }

    @Test
    void each_address_has_its_own_bucket_and_an_idle_one_fills_up_to_the_burst_only() {
        for (int i = 0; i < 3; i++) {
            limit.take("198.51.100.7");
        }
        assertThat(limit.take("203.0.113.9")).as("another address").isZero();

        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limit.take("198.51.100.7")).isZero();
        }
        assertThat(limit.take("198.51.100.7")).as("never more than the burst, however long it waited").isPositive();
    }
}
