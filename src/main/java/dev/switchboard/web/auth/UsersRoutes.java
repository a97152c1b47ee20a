package dev.switchboard.web.auth;

import dev.switchboard.web.PathParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admin's users: {@code GET /api/admin/users}, {@code POST /api/admin/users}
 * {username, displayName, role, password}, {@code PATCH /api/admin/users/{id}}
 * {displayName, role, active, password} (any of them); and everyone's own password:
 * {@code POST /api/me/password} {currentPassword, newPassword}. Every new password must pass
 * {@link PasswordPolicy} (a 422 naming the field says why not).
 */
public final class UsersRoutes implements RouteModule {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{2,64}");

    private final Users users;
    private final LoginThrottle throttle;

    /** {@code throttle}: a guess at the current password counts as a failed login from that address. */
    public UsersRoutes(Users users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/admin/users").handler(ctx -> users.list()
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
                .onFailure(ctx::fail));
        router.post("/api/admin/users").handler(this::create);
        router.patch("/api/admin/users/:id").handler(this::change);
        router.post("/api/me/password").handler(this::changeOwnPassword);
    }

    private void create(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String username = RequestBodies.field(body, "username", 64, true, problems);
        if (username != null && !USERNAME.matcher(username).matches()) {
            problems.put("username", "must be 2 to 64 of a-z 0-9 . _ -");
        }
        String displayName = RequestBodies.field(body, "displayName", 120, true, problems);
        String role = RequestBodies.oneOf(body, "role", null, AccessPolicy.EVERYONE, problems);
        String password = RequestBodies.field(body, "password", PasswordPolicy.MAX_LENGTH, true, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        respond(ctx, 201, users.create(Actor.of(ctx), username, displayName, role, password));
    }

    private void change(RoutingContext ctx) {
        long id = PathParameters.id(ctx);
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String displayName = RequestBodies.field(body, "displayName", 120, false, problems);
        String role = body.containsKey("role") ? RequestBodies.oneOf(body, "role", null, AccessPolicy.EVERYONE, problems)
                : null;
        Object active = body.getValue("active");
        if (active != null && !(active instanceof Boolean)) {
            problems.put("active", "must be true or false");
        }
        String password = RequestBodies.field(body, "password", PasswordPolicy.MAX_LENGTH, false, problems);
        // phones change only when the body says which member the user is (null: no agent)
        UserPhones phones = body.containsKey("memberName") || body.containsKey("interfaces")
                ? UserPhones.read(body, problems) : null;
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        respond(ctx, 200, users.change(Actor.of(ctx), id,
                new Users.Change(displayName, role, (Boolean) active, password, phones)));
    }

    /** 204 when changed; a wrong current password is a 422 naming {@code currentPassword}. */
    private void changeOwnPassword(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String current = RequestBodies.field(body, "currentPassword", PasswordPolicy.MAX_LENGTH, true, problems);
        String chosen = RequestBodies.field(body, "newPassword", PasswordPolicy.MAX_LENGTH, true, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Actor actor = Actor.of(ctx);
        String username = AuthenticatedUser.of(ctx).username();
        throttle.admit(username, actor.address())
                .compose(admitted -> users.changeOwnPassword(actor, current, chosen, sessionOf(ctx))
                        .compose(v -> throttle.succeeded(username, actor.address()), e -> currentPasswordWasRight(e)
                                ? throttle.succeeded(username, actor.address()).compose(v -> Future.failedFuture(e))
                                : Future.failedFuture(e)))
                .onSuccess(v -> ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end())
                .onFailure(ctx::fail);
    }

    /** Refused for the new password only: the current one was checked and right, so no guess was made. */
    private static boolean currentPasswordWasRight(Throwable failure) {
        return failure instanceof ValidationException invalid && !invalid.fields().containsKey("currentPassword");
    }

    /** The SHA-256 of the bearer token the request came with: the session that stays. */
    private static byte[] sessionOf(RoutingContext ctx) {
        String token = AuthRoutes.token(ctx);
        return Tokens.sha256(token == null ? "" : token);
    }

    private static void respond(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onSuccess(json -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(json.encode())).onFailure(ctx::fail);
    }
}
