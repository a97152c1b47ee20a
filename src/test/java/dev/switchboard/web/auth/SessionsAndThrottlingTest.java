package dev.switchboard.web.auth;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A session lasts its configured hours and no longer; a name guessed at too often is locked for a while. */
class SessionsAndThrottlingTest {

    private static final String PASSWORD = "throttle-password";
    private static final Vertx vertx = Vertx.vertx();
    private static Pool pool;

    @BeforeAll
    static void users() throws Exception {
        ConnectionSettings db = TestMariaDb.freshDatabase("sessions");
        Migrations.migrateBlocking(db);
        String hash = new PasswordHasher().hash(PASSWORD);
        Sql.on(db).execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(1, 'alice', 'Alice', '" + hash + "', 'agent'), (2, 'bob', 'Bob', '" + hash + "', 'agent'), "
                + "(3, 'carol', 'Carol', '" + hash + "', 'agent')");
        pool = Database.createPool(vertx, db, 2);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    private static Authentication authentication(MovableClock clock) {
        return new Authentication(vertx, pool, new PasswordHasher(), new LoginThrottle(5, Duration.ofMinutes(5), clock),
                Duration.ofHours(12), clock);
    }

    @Test
    void a_session_is_good_for_its_twelve_hours_and_refused_from_then_on() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
        Authentication auth = authentication(clock);
        Authentication.Login login = auth.login("alice", PASSWORD).await();
        assertThat(login.expiresAt()).isEqualTo(Instant.parse("2026-11-23T20:00:00Z"));

        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(auth.userOf(login.token()).await().username()).isEqualTo("alice");

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> auth.userOf(login.token()).await())
                .isInstanceOf(NotAuthenticatedException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void five_wrong_passwords_lock_the_name_for_five_minutes_even_with_the_right_one_then_it_opens_again() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
        Authentication auth = authentication(clock);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> auth.login("bob", "guess").await()).isInstanceOf(NotAuthenticatedException.class);
            clock.advance(Duration.ofSeconds(10));
        }

        assertThatThrownBy(() -> auth.login("bob", PASSWORD).await()).isInstanceOf(TooManyAttemptsException.class);
        assertThatThrownBy(() -> auth.login("BOB", PASSWORD).await()).isInstanceOf(TooManyAttemptsException.class);
        assertThat(auth.login("carol", PASSWORD).await().user().username()).isEqualTo("carol");

        clock.advance(Duration.ofMinutes(5).minusSeconds(50)); // five minutes after the first failure
        assertThatThrownBy(() -> auth.login("bob", PASSWORD).await()).isInstanceOf(TooManyAttemptsException.class);

        clock.advance(Duration.ofSeconds(1)); // the first failure has left the window
        assertThat(auth.login("bob", PASSWORD).await().user().username()).isEqualTo("bob");
    }

    @Test
    void a_good_login_clears_the_earlier_failures() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
        Authentication auth = authentication(clock);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> auth.login("carol", "guess").await()).isInstanceOf(NotAuthenticatedException.class);
        }
        auth.login("carol", PASSWORD).await();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> auth.login("carol", "guess").await()).isInstanceOf(NotAuthenticatedException.class);
        }

        assertThat(auth.login("carol", PASSWORD).await().user().username()).isEqualTo("carol");
    }
}
