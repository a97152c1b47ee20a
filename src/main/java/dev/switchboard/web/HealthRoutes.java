package dev.switchboard.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;

/** {@code /health}: the process is up. {@code /ready}: every {@link ReadinessCheck} passes. */
public final class HealthRoutes implements RouteModule {

    private final List<ReadinessCheck> checks;

    public HealthRoutes(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void mount(Router router) {
        router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/ready").handler(this::ready);
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
