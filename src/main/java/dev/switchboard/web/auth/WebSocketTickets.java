package dev.switchboard.web.auth;

import dev.switchboard.store.DatabaseErrors;
import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use tickets that open one live-feed WebSocket. A browser cannot put its session token in
 * a header of a WebSocket, and a URL ends up in proxies' logs and the browser's history; a ticket
 * there is worth nothing once used or after {@link #LIFETIME}. A ticket stands for the session that
 * asked for it; only its SHA-256 is stored, so every node on the database can honour it.
 * While the database cannot be reached, a session it confirmed earlier still gets tickets: they
 * are kept in this process only (at most {@link #MAX_HELD}), so a feed that drops during an outage
 * can come back to this node.
 */
public final class WebSocketTickets {

    public static final Duration LIFETIME = Duration.ofSeconds(30);

    /** A new ticket and when it stops opening anything. */
    public record Ticket(String value, Instant expiresAt) {
    }

    /** Tickets issued while the database was away, by hash; bounded, emptied as they expire. */
    static final int MAX_HELD = 10_000;

    private final Pool pool;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /** A ticket kept in memory: whose it is and until when. */
    private record Held(AuthenticatedUser user, Instant expiresAt) {
    }

    public WebSocketTickets(Pool pool, Clock clock) {
        this(pool, clock, LIFETIME);
    }

    WebSocketTickets(Pool pool, Clock clock, Duration lifetime) {
        this.pool = pool;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * A ticket for {@code user}'s session ({@code sessionToken}); tickets past their time are
     * cleared on the way. With the database away, the ticket is held in this process instead.
     */
    public Future<Ticket> issue(String sessionToken, AuthenticatedUser user) {
        String ticket = Tokens.newToken();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        return SqlTemplate.forUpdate(pool, TicketSql.INSERT_TICKET)
                .execute(Map.of("ticketHash", Tokens.sha256(ticket), "sessionHash", Tokens.sha256(sessionToken),
                        "expiresAt", UtcTimes.column(expires)))
                .compose(v -> SqlTemplate.forUpdate(pool, TicketSql.DELETE_EXPIRED)
                        .execute(Map.of("now", UtcTimes.column(now))))
                .map(v -> new Ticket(ticket, expires))
                .recover(e -> DatabaseErrors.unreachable(e) ? holdInMemory(ticket, user, now, expires, e)
                        : Future.failedFuture(e));
    }

    private Future<Ticket> holdInMemory(String ticket, AuthenticatedUser user, Instant now, Instant expires,
                                        Throwable databaseAway) {
        held.values().removeIf(h -> !h.expiresAt().isAfter(now));
        if (held.size() >= MAX_HELD) {
            return Future.failedFuture(databaseAway);
        }
        held.put(key(ticket), new Held(user, expires));
        return Future.succeededFuture(new Ticket(ticket, expires));
    }

    /**
     * The user a ticket stands for, taking the ticket away: a second use, an expired ticket, or
     * one whose session has ended is refused.
     */
    public Future<AuthenticatedUser> redeem(String ticket) {
        Instant now = clock.instant();
        Held inMemory = held.remove(key(ticket));
        if (inMemory != null) {
            return inMemory.expiresAt().isAfter(now) ? Future.succeededFuture(inMemory.user())
                    : Future.failedFuture(new NotAuthenticatedException(
                            "This ticket is unknown, used or expired: get a new one from POST /api/ws-tickets."));
        }
        return SqlTemplate.forQuery(pool, TicketSql.TAKE_TICKET).execute(Map.of("ticketHash", Tokens.sha256(ticket)))
                .compose(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    if (row == null || !UtcTimes.instant(row.getLocalDateTime("expires_at")).isAfter(now)) {
                        return Future.failedFuture(new NotAuthenticatedException(
                                "This ticket is unknown, used or expired: get a new one from POST /api/ws-tickets."));
                    }
                    return SqlTemplate.forQuery(pool, TicketSql.USER_BY_SESSION)
                            .execute(Map.of("sessionHash", bytes(row.getValue("session_sha256")),
                                    "now", UtcTimes.column(now)));
                })
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotAuthenticatedException("Your session is unknown or has expired; log in again.");
                    }
                    Row user = rows.iterator().next();
                    return new AuthenticatedUser(user.getLong("id"), user.getString("username"), user.getString("role"));
                });
    }

    private static String key(String ticket) {
        return HexFormat.of().formatHex(Tokens.sha256(ticket));
    }

    /** A BINARY column as the JDBC client hands it over (a Buffer, or the bytes themselves). */
    private static byte[] bytes(Object column) {
        return column instanceof Buffer buffer ? buffer.getBytes() : (byte[]) column;
    }
}
