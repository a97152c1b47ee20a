package dev.switchboard.web;

import dev.switchboard.health.HealthDetail;
import dev.switchboard.health.ReadinessCheck;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;

/**
 * {@code /health}: the process is up, with the state of the parts that can degrade it (each
 * Asterisk link) and what is degraded now. {@code /ready}: every {@link ReadinessCheck} passes —
 * the service can serve its API and UI.
 */
public final class HealthRoutes implements RouteModule {

    private final List<ReadinessCheck> checks;
    private final List<HealthDetail> details;

    public HealthRoutes(List<ReadinessCheck> checks, List<HealthDetail> details) {
        this.checks = List.copyOf(checks);
        this.details = List.copyOf(details);
    }

    @Override
    public void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/ready").handler(this::ready);
    }

    private void health(RoutingContext ctx) {
        JsonObject body = new JsonObject().put("status", "UP");
        JsonArray degraded = new JsonArray();
        for (HealthDetail detail : details) {
            body.put(detail.name(), detail.state());
            detail.degradations().forEach(degraded::add);
        }
        json(ctx, 200, body.put("degraded", degraded));
    }

    private void ready(RoutingContext ctx) {
        List<Future<Optional<String>>> results = checks.stream()
                .map(check -> check.notReadyReason().otherwise(e -> Optional.of(String.valueOf(e.getMessage()))))
                .toList();
        Future.join(results).onComplete(done -> {
            JsonArray reasons = new JsonArray();
            for (int i = 0; i < checks.size(); i++) {
                int index = i;
                results.get(i).result().ifPresent(reason ->
                        reasons.add(new JsonObject().put("check", checks.get(index).name()).put("reason", reason)));
            }
            if (reasons.isEmpty()) {
                json(ctx, 200, new JsonObject().put("status", "READY"));
            } else {
                json(ctx, 503, new JsonObject().put("status", "NOT_READY").put("reasons", reasons));
            }
        });
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
