package dev.switchboard.web;

import io.vertx.ext.web.RoutingContext;

/** Reads path parameters; one that is not what the route needs is a 400. */
public final class PathParameters {

    private PathParameters() {
    }

    /** The {@code :id} of the path, a number. */
    public static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid_parameter", "An id is a number, not '" + ctx.pathParam("id") + "'.");
        }
    }
}
