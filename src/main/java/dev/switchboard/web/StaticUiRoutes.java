package dev.switchboard.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser UI: the pages and scripts under {@code webroot/} on the class path, at {@code /}.
 * Every response carries headers that keep the pages to their own origin: scripts, styles and
 * connections from Switchboard only, never framed by another site.
 */
public final class StaticUiRoutes implements RouteModule {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    public void mount(Router router) {
        router.route().order(-1).handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("X-Frame-Options", "DENY")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.next();
        });
        router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html")
                .setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
    }
}
