package dev.switchboard.web.auth;

import dev.switchboard.store.Constraints;
import dev.switchboard.store.Transactions;
import dev.switchboard.web.ConflictException;
import dev.switchboard.web.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The people who log in, as the admin manages them: created with a role and a password (bcrypt,
 * hashed on a worker), renamed, given another role, deactivated (their sessions end at once) or
 * given a new password. There is always at least one active admin.
 */
public final class Users {

    /** A change to a user; null fields stay as they are (phones null: their phones stay as they are). */
    public record Change(String displayName, String role, Boolean active, String password, UserPhones phones) {

        public Change(String displayName, String role, Boolean active, String password) {
            this(displayName, role, active, password, null);
        }
    }

    private final Vertx vertx;
    private final Pool pool;
    private final PasswordHasher hasher;
    private final UserPhones.Assigner phones;

    /** Users whose phones cannot be changed here (the command line's password reset). */
    public Users(Vertx vertx, Pool pool, PasswordHasher hasher) {
        this(vertx, pool, hasher, (tx, user, p) -> Future.failedFuture(
                new IllegalStateException("agents' phones are not managed here")));
    }

    public Users(Vertx vertx, Pool pool, PasswordHasher hasher, UserPhones.Assigner phones) {
        this.vertx = vertx;
        this.pool = pool;
        this.hasher = hasher;
        this.phones = phones;
    }

    public Future<JsonArray> list() {
        return SqlTemplate.forQuery(pool, AuthSql.USERS).execute(Map.of()).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(json(r)));
            return out;
        });
    }

    public Future<JsonObject> create(String username, String displayName, String role, String password) {
        return vertx.executeBlocking(() -> hasher.hash(password), false)
                .compose(hash -> SqlTemplate.forUpdate(pool, AuthSql.INSERT_USER).execute(Map.of("username", username,
                        "displayName", displayName, "passwordHash", hash, "role", role)))
                .recover(e -> Future.failedFuture(Constraints.violated(e) ? new ConflictException("username_taken",
                        "There is already a user " + username + ".", new JsonObject()) : e))
                .compose(v -> find(username));
    }

    /** Changes a user and, when the change names them, their phones, in one transaction: all of it or nothing. */
    public Future<JsonObject> change(long id, Change change) {
        Future<String> hash = change.password() == null ? Future.succeededFuture(null)
                : vertx.executeBlocking(() -> hasher.hash(change.password()), false);
        return hash.compose(passwordHash -> Transactions.within(pool, client ->
                SqlTemplate.forQuery(client, AuthSql.USER_FOR_UPDATE).execute(Map.of("id", id)).compose(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("There is no user " + id + ".");
                    }
                    Row current = rows.iterator().next();
                    String role = change.role() == null ? current.getString("role") : change.role();
                    boolean active = change.active() == null ? current.getBoolean("active") : change.active();
                    boolean losesAdmin = "admin".equals(current.getString("role")) && current.getBoolean("active")
                            && (!role.equals("admin") || !active);
                    Map<String, Object> p = new HashMap<>();
                    p.put("id", id);
                    p.put("role", role);
                    p.put("active", active);
                    p.put("displayName", change.displayName());
                    return SqlTemplate.forQuery(client, AuthSql.ACTIVE_ADMINS).execute(Map.of()).compose(admins -> {
                        if (losesAdmin && admins.iterator().next().getLong("n") <= 1) {
                            throw new ConflictException("last_admin", "User " + current.getString("username")
                                    + " is the only active admin; make another admin first.", new JsonObject());
                        }
                        return SqlTemplate.forUpdate(client, AuthSql.UPDATE_USER).execute(p);
                    }).compose(v -> passwordHash == null ? Future.succeededFuture()
                            : SqlTemplate.forUpdate(client, AuthSql.UPDATE_PASSWORD)
                            .execute(Map.of("id", id, "passwordHash", passwordHash)).mapEmpty())
                            .compose(v -> change.phones() == null ? Future.<Void>succeededFuture()
                                    : phones.assign(client, id, change.phones()))
                            .compose(v -> !active || passwordHash != null
                                    ? SqlTemplate.forUpdate(client, AuthSql.DELETE_SESSIONS_OF_USER)
                                    .execute(Map.of("id", id)).mapEmpty() : Future.succeededFuture())
                            .map(current.getString("username"));
                }))).compose(this::find);
    }

    /** What a password reset did: the new password, shown once, and whether the user may log in. */
    public record Reset(String username, String password, boolean active) {
    }

    /**
     * Gives {@code username} a new random password and ends their sessions: for an admin who lost
     * the password printed at the first start, from the command line of the machine that runs
     * Switchboard.
     */
    public Future<Reset> resetPassword(String username) {
        String password = AdminAccount.randomPassword();
        return vertx.executeBlocking(() -> hasher.hash(password), false).compose(hash -> Transactions.within(pool,
                client -> SqlTemplate.forQuery(client, AuthSql.USER_BY_NAME_FOR_UPDATE)
                        .execute(Map.of("username", username)).compose(rows -> {
                            if (rows.size() == 0) {
                                throw new NotFoundException("There is no user " + username + ".");
                            }
                            Row user = rows.iterator().next();
                            long id = user.getLong("id");
                            return SqlTemplate.forUpdate(client, AuthSql.UPDATE_PASSWORD)
                                    .execute(Map.of("id", id, "passwordHash", hash))
                                    .compose(v -> SqlTemplate.forUpdate(client, AuthSql.DELETE_SESSIONS_OF_USER)
                                            .execute(Map.of("id", id)))
                                    .map(v -> new Reset(user.getString("username"), password, user.getBoolean("active")));
                        })));
    }

    private Future<JsonObject> find(String username) {
        return list().map(all -> all.stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("username").equals(username)).findFirst().orElseThrow());
    }

    private static JsonObject json(Row r) {
        String interfaces = r.getString("interfaces");
        return new JsonObject().put("id", r.getLong("id")).put("username", r.getString("username"))
                .put("displayName", r.getString("display_name")).put("role", r.getString("role"))
                .put("active", r.getBoolean("active")).put("memberName", r.getString("member_name"))
                .put("interfaces", interfaces == null ? new JsonArray() : new JsonArray(List.of(interfaces.split(" "))));
    }
}
