package dev.switchboard.web;

import io.vertx.ext.web.RoutingContext;

/**
 * The headers every response carries, whatever answers it (a page, a script, JSON, a problem, the
 * survey page, {@code /health}): the pages keep to Switchboard's own scripts, styles and
 * connections and are never framed by another site; no page sends its address (a survey link's
 * token) to another site as a Referer; browsers take the content type as written. Over HTTPS,
 * browsers are also told to use HTTPS only for a year; over plain HTTP that would be meaningless,
 * so it is never sent there.
 */
public final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    private SecurityHeaders() {
    }

    /** Puts the headers on the response before any route answers, so failures and 404s get them too. */
    public static void attach(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY");
        if (ctx.request().isSSL()) {
            ctx.response().putHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        ctx.next();
    }
}
