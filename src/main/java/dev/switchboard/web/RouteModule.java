package dev.switchboard.web;

import io.vertx.ext.web.Router;

/** A capability's HTTP routes, mounted on the one router the HTTP verticle serves. */
@FunctionalInterface
public interface RouteModule {
    void mount(Router router);
}
