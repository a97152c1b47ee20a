package dev.switchboard.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** {@code GET /metrics} in Prometheus text format: HTTP, database pool, JVM and our own meters. */
public final class MetricsRoutes implements RouteModule {

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void mount(Router router) {
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    }
}
