package dev.switchboard.web;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import dev.switchboard.testing.MovableClock;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Attempt counters in the database: free attempts, then holds that double up to a cap, forgotten after a quiet spell, in a bounded table. */
class AttemptCountersTest {

    private static final Vertx vertx = Vertx.vertx();
    private static final AttemptCounters.Policy GUESSES = new AttemptCounters.Policy("test-guesses", 3,
            Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(10));
    private static ConnectionSettings db;
    private static Pool pool;

    @BeforeAll
    static void database() {
        db = TestMariaDb.freshDatabase("attempts");
        Migrations.migrateBlocking(db);
        pool = Database.createPool(vertx, db, 2);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Test
    void the_free_attempts_pass_then_each_hold_doubles_up_to_the_cap() {
        assertThat(GUESSES.holdAfter(1)).isZero();
        assertThat(GUESSES.holdAfter(2)).isZero();
        assertThat(GUESSES.holdAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(GUESSES.holdAfter(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(GUESSES.holdAfter(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(GUESSES.holdAfter(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(GUESSES.holdAfter(1_000_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_key_is_held_back_longer_after_each_attempt_and_forgotten_after_a_quiet_spell() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"));
        AttemptCounters counters = new AttemptCounters(pool, clock);
        String key = "198.51.100.7";
        counters.count(GUESSES, key).await();
        counters.count(GUESSES, key).await();
        assertThat(counters.waitFor(GUESSES, key).await()).as("two attempts are free").isZero();

        assertThat(counters.count(GUESSES, key).await()).isEqualTo(Duration.ofSeconds(2));
        assertThat(counters.waitFor(GUESSES, key).await()).isEqualTo(Duration.ofSeconds(2));
        assertThat(counters.waitFor(GUESSES, "203.0.113.9").await()).as("another key").isZero();
        clock.advance(Duration.ofMillis(1500));
        assertThat(counters.waitFor(GUESSES, key).await()).isEqualTo(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(500));
        assertThat(counters.waitFor(GUESSES, key).await()).isZero();

        assertThat(counters.count(GUESSES, key).await()).isEqualTo(Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(4));
        assertThat(counters.count(GUESSES, key).await()).isEqualTo(Duration.ofSeconds(8));
        clock.advance(Duration.ofSeconds(8));
        assertThat(counters.count(GUESSES, key).await()).isEqualTo(Duration.ofSeconds(16));
        clock.advance(Duration.ofSeconds(16));
        assertThat(counters.count(GUESSES, key).await()).as("the cap").isEqualTo(Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(30).plus(Duration.ofMinutes(10)).minusSeconds(1));
        assertThat(counters.count(GUESSES, key).await()).as("not quiet long enough yet").isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30).plus(Duration.ofMinutes(10)));
        assertThat(counters.count(GUESSES, key).await()).as("forgotten: a free attempt again").isZero();
    }

    @Test
    void take_counts_only_the_attempts_it_lets_through() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"));
        AttemptCounters counters = new AttemptCounters(pool, clock);
        AttemptCounters.Policy requests = new AttemptCounters.Policy("test-requests", 3, Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(counters.take(requests, "192.0.2.1").await()).isZero();
        }
        assertThat(counters.take(requests, "192.0.2.1").await()).isEqualTo(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(2));
        assertThat(counters.take(requests, "192.0.2.1").await()).as("a refused one is not counted").isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(counters.take(requests, "192.0.2.1").await()).isZero();
        assertThat(counters.take(requests, "192.0.2.1").await()).as("one at a time after the burst").isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void an_instance_whose_clock_runs_ahead_holds_back_no_key_that_earned_no_hold() {
        Instant now = Instant.parse("2026-11-30T08:00:00Z");
        AttemptCounters ahead = new AttemptCounters(pool, new MovableClock(now.plus(Duration.ofMinutes(1))));
        AttemptCounters onTime = new AttemptCounters(pool, new MovableClock(now));
        assertThat(ahead.take(GUESSES, "192.0.2.77").await()).isZero();
        assertThat(onTime.take(GUESSES, "192.0.2.77").await()).isZero();

        assertThat(onTime.waitFor(GUESSES, "192.0.2.77").await()).isZero();
    }

    @Test
    void the_table_stays_within_its_cap_and_the_longest_holds_are_kept() throws Exception {
        ConnectionSettings own = TestMariaDb.freshDatabase("attempts_cap");
        Migrations.migrateBlocking(own);
        Pool ownPool = Database.createPool(vertx, own, 2);
        try {
            MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"));
            AttemptCounters counters = new AttemptCounters(ownPool, clock, 10);
            for (int i = 0; i < 5; i++) {
                counters.count(GUESSES, "203.0.113.66").await();
            }
            for (int i = 0; i < 40; i++) {
                counters.count(GUESSES, "user-" + i + "\n198.51.100.1").await();
                clock.advance(Duration.ofMillis(10));
            }
            assertThat(rows(own)).isLessThanOrEqualTo(10);
            assertThat(counters.waitFor(GUESSES, "203.0.113.66").await()).as("the held key is kept").isPositive();

            clock.advance(Duration.ofHours(1));
            counters.count(GUESSES, "a new key").await();
            assertThat(rows(own)).as("expired counters purged when a new one starts").isEqualTo(1);
        } finally {
            ownPool.close().await();
        }
    }

    @Test
    void keys_are_stored_only_as_their_hash() throws Exception {
        new AttemptCounters(pool, new MovableClock(Instant.parse("2026-11-30T08:00:00Z")))
                .count(GUESSES, "hunter2-typed-as-a-name\n192.0.2.44").await();
        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM attempt_counters WHERE kind = 'test-guesses'"
                + " AND key_sha256 = UNHEX(SHA2('hunter2-typed-as-a-name\\n192.0.2.44', 256))")).isEqualTo(1);
    }

    private static long rows(ConnectionSettings settings) throws Exception {
        return Sql.on(settings).count("SELECT COUNT(*) FROM attempt_counters");
    }
}
