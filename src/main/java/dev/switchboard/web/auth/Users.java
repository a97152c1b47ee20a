package dev.switchboard.web.auth;

import dev.switchboard.store.Constraints;
import dev.switchboard.store.Transactions;
import dev.switchboard.web.ConflictException;
import dev.switchboard.web.NotFoundException;
import dev.switchboard.web.ValidationException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The people who log in, as the admin manages them: created with a role and a password (bcrypt,
 * hashed on a worker), renamed, given another role, deactivated (their sessions end at once) or
 * given a new password. There is always at least one active admin. Every change is written to the
 * admin audit in its own transaction; a password only as the fact that it changed.
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
    private final PasswordPolicy policy;
    private final AdminChangeLog changes;
    private final UserPhones.Assigner phones;

    /** Users whose phones cannot be changed here (the command line's password reset). */
    public Users(Vertx vertx, Pool pool, PasswordHasher hasher, AdminChangeLog changes) {
        this(vertx, pool, hasher, PasswordPolicy.bundled(), changes, (tx, user, p) -> Future.failedFuture(
                new IllegalStateException("agents' phones are not managed here")));
    }

    public Users(Vertx vertx, Pool pool, PasswordHasher hasher, PasswordPolicy policy, AdminChangeLog changes,
                 UserPhones.Assigner phones) {
        this.vertx = vertx;
        this.pool = pool;
        this.hasher = hasher;
        this.policy = policy;
        this.changes = changes;
        this.phones = phones;
    }

    public Future<JsonArray> list() {
        return SqlTemplate.forQuery(pool, AuthSql.USERS).execute(Map.of()).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(json(r)));
            return out;
        });
    }

    public Future<JsonObject> create(Actor actor, String username, String displayName, String role, String password) {
        acceptable(username, password, "password");
        return vertx.executeBlocking(() -> hasher.hash(password), false)
                .compose(hash -> Transactions.within(pool, client -> SqlTemplate.forUpdate(client, AuthSql.INSERT_USER)
                        .execute(Map.of("username", username, "displayName", displayName, "passwordHash", hash,
                                "role", role))
                        .compose(inserted -> SqlTemplate.forQuery(client, AuthSql.USER_BY_NAME_FOR_UPDATE)
                                .execute(Map.of("username", username)))
                        .compose(rows -> {
                            long id = rows.iterator().next().getLong("id");
                            return state(client, id).compose(after -> changes.record(client, new AdminChange(actor,
                                    "user.create", "user", id, username, null,
                                    after.put("password", AdminChange.PASSWORD_CHANGED))));
                        })))
                .recover(e -> Future.failedFuture(Constraints.violated(e) ? new ConflictException("username_taken",
                        "There is already a user " + username + ".", new JsonObject()) : e))
                .compose(v -> find(username));
    }

    /**
     * Changes a user and, when the change names them, their phones, in one transaction with its
     * audit entry: all of it or nothing.
     */
    public Future<JsonObject> change(Actor actor, long id, Change change) {
        Future<String> hash = change.password() == null ? Future.succeededFuture(null)
                : usernameOf(id).compose(username -> {
                    acceptable(username, change.password(), "password");
                    return vertx.executeBlocking(() -> hasher.hash(change.password()), false);
                });
        return hash.compose(passwordHash -> Transactions.within(pool, client ->
                SqlTemplate.forQuery(client, AuthSql.USER_FOR_UPDATE).execute(Map.of("id", id)).compose(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("There is no user " + id + ".");
                    }
                    Row current = rows.iterator().next();
                    String username = current.getString("username");
                    String role = change.role() == null ? current.getString("role") : change.role();
                    boolean active = change.active() == null ? current.getBoolean("active") : change.active();
                    boolean losesAdmin = "admin".equals(current.getString("role")) && current.getBoolean("active")
                            && (!role.equals("admin") || !active);
                    Map<String, Object> p = new HashMap<>();
                    p.put("id", id);
                    p.put("role", role);
                    p.put("active", active);
                    p.put("displayName", change.displayName());
                    return state(client, id).compose(before -> SqlTemplate.forQuery(client, AuthSql.ACTIVE_ADMINS)
                            .execute(Map.of()).compose(admins -> {
                                if (losesAdmin && admins.iterator().next().getLong("n") <= 1) {
                                    throw new ConflictException("last_admin", "User " + username
                                            + " is the only active admin; make another admin first.", new JsonObject());
                                }
                                return SqlTemplate.forUpdate(client, AuthSql.UPDATE_USER).execute(p);
                            })
                            .compose(v -> passwordHash == null ? Future.succeededFuture()
                                    : SqlTemplate.forUpdate(client, AuthSql.UPDATE_PASSWORD)
                                    .execute(Map.of("id", id, "passwordHash", passwordHash)).mapEmpty())
                            .compose(v -> change.phones() == null ? Future.<Void>succeededFuture()
                                    : phones.assign(client, id, change.phones()))
                            .compose(v -> !active || passwordHash != null
                                    ? SqlTemplate.forUpdate(client, AuthSql.DELETE_SESSIONS_OF_USER)
                                    .execute(Map.of("id", id)).mapEmpty() : Future.succeededFuture())
                            .compose(v -> state(client, id))
                            .compose(after -> changes.record(client, withPassword(AdminChange.between(actor,
                                    "user.change", "user", id, username, before, after), passwordHash != null)))
                            .map(username));
                }))).compose(this::find);
    }

    /**
     * A user's own new password, when {@code currentPassword} is their password now: their other
     * sessions end (the one with {@code keptSession}, the SHA-256 of the token they asked with,
     * stays).
     */
    public Future<Void> changeOwnPassword(Actor actor, String currentPassword, String newPassword, byte[] keptSession) {
        long id = actor.userId();
        return SqlTemplate.forQuery(pool, AuthSql.PASSWORD_OF_USER).execute(Map.of("id", id)).compose(rows -> {
            if (rows.size() == 0) {
                throw new NotAuthenticatedException("Your session is unknown or has expired; log in again.");
            }
            Row user = rows.iterator().next();
            String username = user.getString("username");
            String oldHash = user.getString("password_hash");
            return vertx.executeBlocking(() -> {
                if (!hasher.matches(oldHash, currentPassword)) {
                    throw new ValidationException(Map.of("currentPassword", "is not your current password"));
                }
                acceptable(username, newPassword, "newPassword");
                if (newPassword.equals(currentPassword)) {
                    throw new ValidationException(Map.of("newPassword", "must differ from the current password"));
                }
                return hasher.hash(newPassword);
            }, false).compose(hash -> Transactions.within(pool, client -> SqlTemplate.forUpdate(client,
                            AuthSql.REPLACE_PASSWORD).execute(Map.of("id", id, "passwordHash", hash, "oldHash", oldHash))
                    .compose(updated -> {
                        if (updated.rowCount() == 0) {
                            throw new ConflictException("password_changed_meanwhile", "Your password was changed "
                                    + "meanwhile; log in again with the new one.", new JsonObject());
                        }
                        return SqlTemplate.forUpdate(client, AuthSql.DELETE_OTHER_SESSIONS_OF_USER)
                                .execute(Map.of("id", id, "kept", keptSession));
                    })
                    .compose(v -> changes.record(client, new AdminChange(actor, "user.password", "user", id, username,
                            new JsonObject(), new JsonObject().put("password", AdminChange.PASSWORD_CHANGED))))));
        });
    }

    /** What a password reset did: the new password, shown once, and whether the user may log in. */
    public record Reset(String username, String password, boolean active) {
    }

    /**
     * Gives {@code username} a new random password and ends their sessions: for an admin who lost
     * the password printed at the first start, from the command line of the machine that runs
     * Switchboard (recorded as {@link Actor#COMMAND_LINE}).
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
                                    .compose(v -> changes.record(client, new AdminChange(Actor.COMMAND_LINE,
                                            "user.password", "user", id, user.getString("username"), new JsonObject(),
                                            new JsonObject().put("password", AdminChange.PASSWORD_CHANGED))))
                                    .map(v -> new Reset(user.getString("username"), password, user.getBoolean("active")));
                        })));
    }

    /** Refuses a password the rule does not allow, naming {@code field}. */
    private void acceptable(String username, String password, String field) {
        policy.refusal(username, password).ifPresent(why -> {
            throw new ValidationException(Map.of(field, why));
        });
    }

    private Future<String> usernameOf(long id) {
        return SqlTemplate.forQuery(pool, AuthSql.USERNAME_OF_USER).execute(Map.of("id", id)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException("There is no user " + id + ".");
            }
            return rows.iterator().next().getString("username");
        });
    }

    /** A user as the audit compares them: name, role, active, queue member and phones. */
    private static Future<JsonObject> state(SqlClient client, long id) {
        return SqlTemplate.forQuery(client, AuthSql.USER_STATE).execute(Map.of("id", id)).map(rows -> {
            JsonObject user = json(rows.iterator().next());
            user.remove("id");
            user.remove("username");
            return user;
        });
    }

    private static AdminChange withPassword(AdminChange change, boolean passwordChanged) {
        if (passwordChanged) {
            change.before().put("password", null);
            change.after().put("password", AdminChange.PASSWORD_CHANGED);
        }
        return change;
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
