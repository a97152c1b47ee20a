package dev.switchboard.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser UI: the pages and scripts under {@code webroot/} on the class path, at {@code /}.
 * Their security headers ({@link SecurityHeaders}) are put on every response, by the HTTP server.
 */
public final class StaticUiRoutes implements RouteModule {

    @Override
    public void mount(Router router) {
        router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html")
                .setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
    }
}
