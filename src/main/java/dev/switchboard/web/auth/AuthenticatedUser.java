package dev.switchboard.web.auth;

import io.vertx.ext.web.RoutingContext;

/** Who is calling an /api route; set by the authentication handler. */
public record AuthenticatedUser(long id, String username, String role) {

    private static final String KEY = "switchboard.user";

    void attachTo(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    public static AuthenticatedUser of(RoutingContext ctx) {
        AuthenticatedUser user = ctx.get(KEY);
        if (user == null) {
            throw new NotAuthenticatedException("Log in first: POST /api/login, then send Authorization: Bearer <token>.");
        }
        return user;
    }
}
