package dev.switchboard.web.auth;

import dev.switchboard.web.ClientAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who made a change and from where, as the admin audit records it: a logged-in user and the
 * client address of their request, or the command line on the service's own machine.
 */
public record Actor(Long userId, String name, String address) {

    /** The command line's {@code admin reset-password}: no user, run on the machine itself. */
    public static final Actor COMMAND_LINE = new Actor(null, "admin command", "local");

    /** The logged-in user of the request, from its client address (X-Forwarded-For only from a trusted proxy). */
    public static Actor of(RoutingContext ctx) {
        AuthenticatedUser user = AuthenticatedUser.of(ctx);
        return new Actor(user.id(), user.username(), ClientAddress.of(ctx));
    }
}
