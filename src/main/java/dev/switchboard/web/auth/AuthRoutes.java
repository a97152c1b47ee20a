package dev.switchboard.web.auth;

import dev.switchboard.web.ClientAddress;
import dev.switchboard.web.HttpServerVerticle;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/login}, {@code POST /api/logout} and {@code GET /api/me}; every other
 * {@code /api/*} route is behind the bearer-token check mounted here, so modules mounted after
 * this one are protected. Tokens travel in a header, never in a cookie, so another site cannot
 * make a browser send one (no CSRF); WebSocket upgrades must come from Switchboard's own origin.
 */
public final class AuthRoutes implements RouteModule {

    private static final String BEARER = "Bearer ";
    private final Authentication authentication;

    public AuthRoutes(Authentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/login").handler(this::login);
        router.route("/api/*").handler(this::authenticate);
        router.post("/api/logout").handler(this::logout);
        router.get("/api/me").handler(ctx -> {
            AuthenticatedUser user = AuthenticatedUser.of(ctx);
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("username", user.username()).put("role", user.role()).encode());
        });
    }

    private void login(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        String username = RequestBodies.text(body, "username", 64);
        String password = RequestBodies.text(body, "password", 200);
        authentication.login(username, password, ClientAddress.of(ctx))
                .onSuccess(login -> ctx.response().putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(new JsonObject().put("token", login.token())
                                .put("expiresAt", login.expiresAt().toString())
                                .put("username", login.user().username())
                                .put("role", login.user().role()).encode()))
                .onFailure(ctx::fail);
    }

    private void authenticate(RoutingContext ctx) {
        String token = token(ctx);
        if (token == null) {
            ctx.fail(new NotAuthenticatedException(
                    "Log in first: POST /api/login, then send Authorization: Bearer <token>."));
            return;
        }
        if (HttpServerVerticle.isWebSocketUpgrade(ctx.request())) {
            if (!sameOrigin(ctx)) {
                ctx.fail(new ForbiddenException("A WebSocket may only be opened from Switchboard's own pages."));
                return;
            }
            // keep the request unread while the token is looked up, so it can still be upgraded
            ctx.request().pause();
        }
        authentication.userOf(token)
                .onSuccess(user -> {
                    user.attachTo(ctx);
                    ctx.next();
                })
                .onFailure(ctx::fail);
    }

    /**
     * The bearer token of the request. Browsers cannot set headers on a WebSocket, so a WebSocket
     * upgrade may carry it as {@code ?access_token=} instead.
     */
    private static String token(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.startsWith(BEARER) && header.length() > BEARER.length()) {
            return header.substring(BEARER.length()).trim();
        }
        String query = ctx.queryParams().get("access_token");
        if (HttpServerVerticle.isWebSocketUpgrade(ctx.request()) && query != null && !query.isBlank()) {
            return query;
        }
        return null;
    }

    /**
     * A browser sends the page's origin with a WebSocket upgrade; another site's page must not
     * open one with a token it got hold of. Clients that are not browsers send no Origin.
     */
    private static boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = ctx.request().getHeader("Host");
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    private void logout(RoutingContext ctx) {
        String token = token(ctx);
        authentication.logout(token).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }
}
