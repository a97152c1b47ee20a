package dev.switchboard.web.auth;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import dev.switchboard.testing.MovableClock;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import dev.switchboard.web.AttemptCounters;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A WebSocket ticket opens a feed within its 30 seconds and never after; old tickets do not pile up. */
class TicketLifetimeTest {

    private static final String PASSWORD = "ticket-password";
    private static final Vertx vertx = Vertx.vertx();
    private static final AuthenticatedUser SUE = new AuthenticatedUser(1, "sue", "supervisor");
    private static ConnectionSettings db;
    private static Pool pool;

    @BeforeAll
    static void users() throws Exception {
        db = TestMariaDb.freshDatabase("ticket_lifetime");
        Migrations.migrateBlocking(db);
        Sql.on(db).execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(1, 'sue', 'Sue', '" + new PasswordHasher().hash(PASSWORD) + "', 'supervisor')");
        pool = Database.createPool(vertx, db, 2);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    private static String session(MovableClock clock) {
        return new Authentication(vertx, pool, new PasswordHasher(), new LoginThrottle(new AttemptCounters(pool, clock)),
                Duration.ofHours(12), clock).login("sue", PASSWORD, "127.0.0.1").await().token();
    }

    @Test
    void a_ticket_works_up_to_its_thirtieth_second_and_is_refused_from_then_on() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"));
        WebSocketTickets tickets = new WebSocketTickets(pool, clock);
        String session = session(clock);

        WebSocketTickets.Ticket early = tickets.issue(session, SUE).await();
        WebSocketTickets.Ticket late = tickets.issue(session, SUE).await();
        assertThat(late.expiresAt()).isEqualTo(Instant.parse("2026-11-30T08:00:30Z"));

        clock.advance(Duration.ofSeconds(29));
        assertThat(tickets.redeem(early.value()).await().username()).isEqualTo("sue");

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> tickets.redeem(late.value()).await())
                .isInstanceOf(NotAuthenticatedException.class).hasMessageContaining("expired");
    }

    @Test
    void tickets_past_their_time_are_cleared_when_the_next_one_is_issued() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T09:00:00Z"));
        WebSocketTickets tickets = new WebSocketTickets(pool, clock);
        String session = session(clock);
        for (int i = 0; i < 20; i++) {
            tickets.issue(session, SUE).await();
        }
        clock.advance(WebSocketTickets.LIFETIME);
        WebSocketTickets.Ticket fresh = tickets.issue(session, SUE).await();

        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM ws_tickets")).isEqualTo(1);
        assertThat(tickets.redeem(fresh.value()).await().username()).isEqualTo("sue");
    }

    @Test
    void while_the_database_is_away_a_ticket_is_held_by_this_node_once_and_for_its_thirty_seconds() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
        Pool away = Database.createPool(vertx, new ConnectionSettings(
                "jdbc:mariadb://127.0.0.1:" + Ports.free() + "/switchboard", "nobody", "", 1), 1);
        try {
            WebSocketTickets tickets = new WebSocketTickets(away, clock);
            WebSocketTickets otherNode = new WebSocketTickets(away, clock);

            WebSocketTickets.Ticket first = tickets.issue("a session the database confirmed", SUE).await();
            WebSocketTickets.Ticket second = tickets.issue("a session the database confirmed", SUE).await();
            assertThat(tickets.redeem(first.value()).await().username()).isEqualTo("sue");
            // refused: not held any more, and the database that might know it cannot be asked
            assertThatThrownBy(() -> tickets.redeem(first.value()).await()).as("used once").isNotNull();
            assertThatThrownBy(() -> otherNode.redeem(second.value()).await()).as("only this node holds it")
                    .isNotNull();

            clock.advance(WebSocketTickets.LIFETIME);
            assertThatThrownBy(() -> tickets.redeem(second.value()).await())
                    .isInstanceOf(NotAuthenticatedException.class).hasMessageContaining("expired");
        } finally {
            away.close().await();
        }
    }
}
