package dev.switchboard.web.auth;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseErrors;
import dev.switchboard.store.Migrations;
import dev.switchboard.testing.MovableClock;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import dev.switchboard.web.AttemptCounters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session lasts its configured hours and no longer. Failed logins hold back the address they
 * come from, for that user and, after many names, for all: never the user everywhere, so nobody
 * can lock the admin out from another machine.
 */
class SessionsAndThrottlingTest {

    private static final String PASSWORD = "throttle-password";
    private static final String ELSEWHERE = "198.51.100.20";
    private static final Vertx vertx = Vertx.vertx();
    private static ConnectionSettings db;
    private static Pool pool;

    @BeforeAll
    static void users() throws Exception {
        db = TestMariaDb.freshDatabase("sessions");
        Migrations.migrateBlocking(db);
        String hash = new PasswordHasher().hash(PASSWORD);
        Sql.on(db).execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(1, 'alice', 'Alice', '" + hash + "', 'agent'), (2, 'admin', 'Admin', '" + hash + "', 'admin'), "
                + "(3, 'carol', 'Carol', '" + hash + "', 'agent'), (4, 'dave', 'Dave', '" + hash + "', 'agent'), "
                + "(5, 'erin', 'Erin', '" + hash + "', 'agent')");
        pool = Database.createPool(vertx, db, 2);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    private static Authentication authentication(Pool on, Clock clock) {
        return new Authentication(vertx, on, new PasswordHasher(), new LoginThrottle(new AttemptCounters(on, clock)),
                Duration.ofHours(12), clock);
    }

    private static void wrongPassword(Authentication auth, String user, String address) {
        assertThatThrownBy(() -> auth.login(user, "guess", address).await())
                .isInstanceOf(NotAuthenticatedException.class);
    }

    private static void heldBack(Authentication auth, String user, String address, long seconds) {
        assertThatThrownBy(() -> auth.login(user, PASSWORD, address).await())
                .isInstanceOfSatisfying(TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(seconds));
    }

    @Test
    void a_session_is_good_for_its_twelve_hours_and_refused_from_then_on() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
        Authentication auth = authentication(pool, clock);
        Authentication.Login login = auth.login("alice", PASSWORD, "192.0.2.1").await();
        assertThat(login.expiresAt()).isEqualTo(Instant.parse("2026-11-23T20:00:00Z"));

        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(auth.userOf(login.token()).await().username()).isEqualTo("alice");

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> auth.userOf(login.token()).await())
                .isInstanceOf(NotAuthenticatedException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void guessing_the_admin_password_from_one_address_holds_that_address_back_longer_each_time_while_admin_logs_in_from_another() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
        Authentication auth = authentication(pool, clock);
        String attacker = "192.0.2.2";
        for (int i = 0; i < 5; i++) {
            wrongPassword(auth, "admin", attacker);
        }
        heldBack(auth, "admin", attacker, 2);
        heldBack(auth, "ADMIN", attacker, 2);
        assertThat(auth.login("admin", PASSWORD, ELSEWHERE).await().user().role()).isEqualTo("admin");

        clock.advance(Duration.ofSeconds(2));
        wrongPassword(auth, "admin", attacker);
        heldBack(auth, "admin", attacker, 4);
        clock.advance(Duration.ofSeconds(4));
        wrongPassword(auth, "admin", attacker);
        heldBack(auth, "admin", attacker, 8);
        assertThat(auth.login("admin", PASSWORD, ELSEWHERE).await().user().username()).isEqualTo("admin");

        clock.advance(Duration.ofSeconds(8));
        assertThat(auth.login("admin", PASSWORD, attacker).await().user().username())
                .as("the right password once the hold is over").isEqualTo("admin");
    }

    @Test
    void failures_are_forgotten_after_a_quiet_quarter_of_an_hour() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
        Authentication auth = authentication(pool, clock);
        String address = "192.0.2.3";
        for (int i = 0; i < 5; i++) {
            wrongPassword(auth, "carol", address);
        }
        clock.advance(Duration.ofSeconds(2).plus(Duration.ofMinutes(15)).minusSeconds(1));
        wrongPassword(auth, "carol", address);
        heldBack(auth, "carol", address, 4);

        clock.advance(Duration.ofSeconds(4).plus(Duration.ofMinutes(15)));
        for (int i = 0; i < 4; i++) {
            wrongPassword(auth, "carol", address);
        }
        assertThat(auth.login("carol", PASSWORD, address).await().user().username())
                .as("counting started afresh").isEqualTo("carol");
    }

    @Test
    void a_good_login_clears_the_earlier_failures_of_that_user_at_that_address() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
        Authentication auth = authentication(pool, clock);
        String address = "192.0.2.4";
        for (int i = 0; i < 4; i++) {
            wrongPassword(auth, "dave", address);
        }
        auth.login("dave", PASSWORD, address).await();
        for (int i = 0; i < 4; i++) {
            wrongPassword(auth, "dave", address);
        }

        assertThat(auth.login("dave", PASSWORD, address).await().user().username()).isEqualTo("dave");
    }

    @Test
    void failures_under_many_names_from_one_address_hold_back_that_address_for_every_name_but_no_other_address() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
        Authentication auth = authentication(pool, clock);
        String address = "192.0.2.5";
        for (int i = 0; i < 20; i++) {
            wrongPassword(auth, "nobody-" + i, address);
        }
        heldBack(auth, "erin", address, 2);
        assertThat(auth.login("erin", PASSWORD, ELSEWHERE).await().user().username()).isEqualTo("erin");

        clock.advance(Duration.ofSeconds(2));
        assertThat(auth.login("erin", PASSWORD, address).await().user().username()).isEqualTo("erin");
    }

    @Test
    void guesses_sent_all_at_once_get_no_further_than_the_same_guesses_one_by_one() {
        Authentication auth = authentication(pool, new MovableClock(Instant.parse("2026-11-23T08:00:00Z")));
        List<Future<Authentication.Login>> guesses = IntStream.range(0, 12)
                .mapToObj(i -> auth.login("carol", "guess-" + i, "192.0.2.8")).toList();
        Future.join(guesses).transform(all -> Future.succeededFuture()).await();

        assertThat(guesses).allMatch(Future::failed);
        assertThat(guesses.stream().filter(g -> g.cause() instanceof NotAuthenticatedException))
                .as("passwords checked").hasSize(5);
        assertThat(guesses.stream().filter(g -> g.cause() instanceof TooManyAttemptsException))
                .as("held back before their password was checked").hasSize(7);
    }

    @Test
    void two_service_instances_on_one_database_count_the_same_failures() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
        Pool otherPool = Database.createPool(vertx, db, 2);
        try {
            Authentication one = authentication(pool, clock);
            Authentication other = authentication(otherPool, clock);
            String address = "192.0.2.6";
            for (int i = 0; i < 3; i++) {
                wrongPassword(one, "alice", address);
            }
            wrongPassword(other, "alice", address);
            wrongPassword(other, "alice", address);

            heldBack(one, "alice", address, 2);
            heldBack(other, "alice", address, 2);
        } finally {
            otherPool.close().await();
        }
    }

    @Test
    void a_login_while_the_database_cannot_answer_fails_as_the_database_being_away() {
        ConnectionSettings nowhere = new ConnectionSettings(db.jdbcUrl().replaceFirst(":\\d+/", ":" + Ports.free() + "/"),
                db.user(), db.password(), 2);
        Pool away = Database.createPool(vertx, nowhere, 1);
        try {
            Authentication auth = authentication(away, Clock.systemUTC());
            assertThatThrownBy(() -> auth.login("alice", PASSWORD, "192.0.2.7").await())
                    .satisfies(e -> assertThat(DatabaseErrors.unreachable(e)).as(e.toString()).isTrue());
        } finally {
            away.close().await();
        }
    }
}
