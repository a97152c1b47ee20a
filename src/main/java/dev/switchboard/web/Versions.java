package dev.switchboard.web;

import io.vertx.ext.web.RoutingContext;

/** The version a change is based on, sent as {@code If-Match: "3"} (the ETag it was read with). */
public final class Versions {

    private Versions() {
    }

    /** The version; 428 when it is missing. */
    public static int required(RoutingContext ctx) {
        Integer version = optional(ctx);
        if (version == null) {
            throw new PreconditionRequiredException("Send the version you are changing as If-Match (the ETag of the case).");
        }
        return version;
    }

    /** The version, or null when none was sent. */
    public static Integer optional(RoutingContext ctx) {
        String header = ctx.request().getHeader("If-Match");
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(header.trim().replace("W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid_header", "If-Match must be the case's ETag, e.g. \"3\".");
        }
    }
}
