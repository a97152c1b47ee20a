package dev.switchboard.web.auth;

import dev.switchboard.web.ClientAddress;
import dev.switchboard.web.HttpServerVerticle;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /api/login}, {@code POST /api/logout}, {@code POST /api/ws-tickets} and
 * {@code GET /api/me}; every other {@code /api/*} route is behind the check mounted here, so
 * modules mounted after this one are protected. Tokens travel in a header, never in a cookie, so
 * another site cannot make a browser send one (no CSRF), nor in a URL. A WebSocket upgrade, which
 * a browser cannot give a header, carries a single-use ticket instead, and must come from a page
 * {@link WebSocketOrigins} allows.
 */
public final class AuthRoutes implements RouteModule {

    /** The subprotocol a browser asks for, beside {@code ticket.<ticket>}, and the server answers with. */
    public static final String TICKET_PROTOCOL = "switchboard.ticket";
    private static final String TICKET_PREFIX = "ticket.";
    private static final String BEARER = "Bearer ";
    private final Authentication authentication;
    private final WebSocketTickets tickets;
    private final WebSocketOrigins origins;

    public AuthRoutes(Authentication authentication, WebSocketTickets tickets, WebSocketOrigins origins) {
        this.authentication = authentication;
        this.tickets = tickets;
        this.origins = origins;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/login").handler(this::login);
        router.route("/api/*").handler(this::authenticate);
        router.post("/api/logout").handler(this::logout);
        router.post("/api/ws-tickets").handler(this::issueTicket);
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
        if (ctx.queryParams().contains("access_token")) {
            ctx.fail(new NotAuthenticatedException("A session token does not belong in a URL, where logs and "
                    + "history keep it: open a live feed with a ticket from POST /api/ws-tickets (as ?ticket= or "
                    + "in Sec-WebSocket-Protocol), or send Authorization: Bearer <token>."));
            return;
        }
        boolean upgrade = HttpServerVerticle.isWebSocketUpgrade(ctx.request());
        if (upgrade && !origins.allows(ctx.request())) {
            ctx.fail(new ForbiddenException("A WebSocket may only be opened from Switchboard's own pages."));
            return;
        }
        String token = token(ctx);
        String ticket = upgrade ? ticket(ctx) : null;
        if (token == null && ticket == null) {
            ctx.fail(new NotAuthenticatedException(upgrade
                    ? "Open a live feed with a ticket from POST /api/ws-tickets (as ?ticket= or in "
                    + "Sec-WebSocket-Protocol), or send Authorization: Bearer <token>."
                    : "Log in first: POST /api/login, then send Authorization: Bearer <token>."));
            return;
        }
        if (upgrade) {
            // keep the request unread while the token is looked up, so it can still be upgraded
            ctx.request().pause();
        }
        (token != null ? authentication.userOf(token) : tickets.redeem(ticket))
                .onSuccess(user -> {
                    user.attachTo(ctx);
                    ctx.next();
                })
                .onFailure(ctx::fail);
    }

    /** The session token of {@code Authorization: Bearer …}, or null; the only place a session token is read from. */
    static String token(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.startsWith(BEARER) && header.length() > BEARER.length()) {
            return header.substring(BEARER.length()).trim();
        }
        return null;
    }

    /**
     * The ticket of a WebSocket upgrade: {@code ?ticket=}, or the subprotocols
     * {@code switchboard.ticket, ticket.<ticket>} (a browser's WebSocket can send those, and no
     * URL then holds the ticket). The server answers with {@code switchboard.ticket}.
     */
    private static String ticket(RoutingContext ctx) {
        String query = ctx.queryParams().get("ticket");
        if (query != null && !query.isBlank()) {
            return query;
        }
        List<String> protocols = ctx.request().headers().getAll("Sec-WebSocket-Protocol").stream()
                .flatMap(header -> Arrays.stream(header.split(","))).map(String::trim).toList();
        if (!protocols.contains(TICKET_PROTOCOL)) {
            return null;
        }
        return protocols.stream().filter(p -> p.startsWith(TICKET_PREFIX) && p.length() > TICKET_PREFIX.length())
                .map(p -> p.substring(TICKET_PREFIX.length())).findFirst().orElse(null);
    }

    private void issueTicket(RoutingContext ctx) {
        tickets.issue(token(ctx), AuthenticatedUser.of(ctx))
                .onSuccess(ticket -> ctx.response().putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(new JsonObject().put("ticket", ticket.value())
                                .put("expiresAt", ticket.expiresAt().toString()).encode()))
                .onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        String token = token(ctx);
        authentication.logout(token).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }
}
