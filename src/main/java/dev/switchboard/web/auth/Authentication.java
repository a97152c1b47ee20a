package dev.switchboard.web.auth;

import dev.switchboard.store.DatabaseErrors;
import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
 * Logs users in and recognises their tokens. A token is 32 random bytes; only its SHA-256 is
 * stored, with an expiry, so a copy of the database holds no usable token.
 */
public final class Authentication {

    /** A new login: the token to send back as {@code Authorization: Bearer …}, and when it expires. */
    public record Login(String token, Instant expiresAt, AuthenticatedUser user) {
    }

    /**
     * Checked against when the user does not exist, so both cases cost one bcrypt check. Made on
     * first use, on a worker (bcrypt is slow on purpose).
     */
    private volatile String dummyHash;
    /** At most this many sessions are remembered for an outage (one per logged-in user in practice). */
    private static final int MAX_CONFIRMED = 50_000;
    /** Sessions the database confirmed, by token hash: what still counts while it is away. */
    private final Map<String, Confirmed> confirmed = new ConcurrentHashMap<>();

    private final Vertx vertx;
    private final Pool pool;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Duration sessionTtl;
    private final Clock clock;

    public Authentication(Vertx vertx, Pool pool, PasswordHasher hasher, LoginThrottle throttle, Duration sessionTtl,
                          Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessionTtl = sessionTtl;
        this.clock = clock;
    }

    /**
     * Logs the user in from the client address. Every attempt is counted in advance per user name
     * at that address and per address (see {@link LoginThrottle}), and taken back when it succeeds;
     * while either is held back the password is not even checked. A login needs the database:
     * while it cannot answer, this fails with the database's own error (503 to the client).
     */
    public Future<Login> login(String username, String password, String address) {
        return throttle.admit(username, address)
                .compose(v -> SqlTemplate.forQuery(pool, AuthSql.USER_BY_NAME).execute(Map.of("username", username)))
                .compose(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    return vertx.executeBlocking(() -> {
                        String hash = row == null ? dummyHash() : row.getString("password_hash");
                        return hasher.matches(hash, password) && row != null;
                    }, false)
                            .compose(ok -> ok
                                    ? throttle.succeeded(username, address).compose(v -> startSession(user(row)))
                                    : Future.failedFuture(new NotAuthenticatedException("Wrong user name or password.")));
                });
    }

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = hasher.hash("no such user");
        }
        return dummyHash;
    }

    private Future<Login> startSession(AuthenticatedUser user) {
        String token = Tokens.newToken();
        Instant now = clock.instant();
        Instant expires = now.plus(sessionTtl);
        return SqlTemplate.forUpdate(pool, AuthSql.INSERT_SESSION)
                .execute(Map.of("tokenHash", Tokens.sha256(token), "userId", user.id(), "createdAt", UtcTimes.column(now),
                        "expiresAt", UtcTimes.column(expires)))
                .compose(v -> SqlTemplate.forUpdate(pool, AuthSql.DELETE_EXPIRED).execute(Map.of("now", UtcTimes.column(now))))
                .map(v -> new Login(token, expires, user));
    }

    /**
     * The user a bearer token belongs to, if it is known and not expired. While the database
     * cannot answer, a session it confirmed earlier still counts until it expires, so that agents
     * keep working through an outage (no new logins meanwhile).
     */
    public Future<AuthenticatedUser> userOf(String token) {
        byte[] tokenHash = Tokens.sha256(token);
        String key = HexFormat.of().formatHex(tokenHash);
        Instant now = clock.instant();
        return SqlTemplate.forQuery(pool, AuthSql.USER_BY_TOKEN)
                .execute(Map.of("tokenHash", tokenHash, "now", UtcTimes.column(now)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        confirmed.remove(key);
                        throw new NotAuthenticatedException("Your session is unknown or has expired; log in again.");
                    }
                    Row row = rows.iterator().next();
                    remember(key, new Confirmed(user(row), UtcTimes.instant(row.getLocalDateTime("expires_at"))),
                            now);
                    return user(row);
                })
                .recover(e -> {
                    Confirmed earlier = confirmed.get(key);
                    return DatabaseErrors.unreachable(e) && earlier != null && earlier.expiresAt().isAfter(now)
                            ? Future.succeededFuture(earlier.user()) : Future.failedFuture(e);
                });
    }

    public Future<Void> logout(String token) {
        byte[] tokenHash = Tokens.sha256(token);
        confirmed.remove(HexFormat.of().formatHex(tokenHash));
        return SqlTemplate.forUpdate(pool, AuthSql.DELETE_SESSION).execute(Map.of("tokenHash", tokenHash))
                .mapEmpty();
    }

    /** A session the database confirmed, until when it is valid. */
    private record Confirmed(AuthenticatedUser user, Instant expiresAt) {
    }

    private void remember(String key, Confirmed session, Instant now) {
        if (confirmed.size() >= MAX_CONFIRMED) {
            confirmed.values().removeIf(s -> !s.expiresAt().isAfter(now));
        }
        if (confirmed.size() < MAX_CONFIRMED) {
            confirmed.put(key, session);
        }
    }

    private static AuthenticatedUser user(Row row) {
        return new AuthenticatedUser(row.getLong("id"), row.getString("username"), row.getString("role"));
    }

}
