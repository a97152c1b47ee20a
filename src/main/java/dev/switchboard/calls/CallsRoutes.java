package dev.switchboard.calls;

import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.QueryParameters;
import dev.switchboard.web.RouteModule;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /api/calls?from=&to=&limit=}: the journeys of calls that started in [from, to),
 * oldest first. {@code from}/{@code to} are instants ({@code 2026-11-22T08:00:00Z}) or UTC
 * dates ({@code 2026-11-22}, the start of that day); default: the last 24 hours.
 */
public final class CallsRoutes implements RouteModule {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5_000;

    private final JourneyStore store;
    private final Clock clock;

    public CallsRoutes(JourneyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/calls").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        Instant to = QueryParameters.instant(ctx, "to", clock.instant());
        Instant from = QueryParameters.instant(ctx, "from", to.minus(Duration.ofHours(24)));
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("invalid_range", "'from' must be before 'to'.");
        }
        int limit = limit(ctx);
        store.between(from, to, limit).onSuccess(journeys -> {
            JsonArray body = new JsonArray();
            journeys.forEach(j -> body.add(JourneyJson.toJson(j)));
            ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
        }).onFailure(ctx::fail);
    }

    private static int limit(RoutingContext ctx) {
        String value = ctx.queryParams().get("limit");
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException("invalid_parameter", "'limit' must be a whole number from 1 to "
                + MAX_LIMIT + ".");
    }
}
