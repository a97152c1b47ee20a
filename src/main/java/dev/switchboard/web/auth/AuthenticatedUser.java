package dev.switchboard.web.auth;

import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.TreeSet;

/** Who is calling an /api route; set by the authentication handler. */
public record AuthenticatedUser(long id, String username, String role) {

    private static final String KEY = "switchboard.user";

    void attachTo(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    /** The caller, who must have one of these roles; else 403. */
    public static AuthenticatedUser withRole(RoutingContext ctx, Set<String> roles) {
        AuthenticatedUser user = of(ctx);
        if (!roles.contains(user.role())) {
            throw new ForbiddenException("This needs the role " + String.join(" or ", new TreeSet<>(roles))
                    + "; you are " + user.role() + ".");
        }
        return user;
    }

    public static AuthenticatedUser of(RoutingContext ctx) {
        AuthenticatedUser user = ctx.get(KEY);
        if (user == null) {
            throw new NotAuthenticatedException("Log in first: POST /api/login, then send Authorization: Bearer <token>.");
        }
        return user;
    }
}
