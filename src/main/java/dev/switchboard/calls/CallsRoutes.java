package dev.switchboard.calls;

import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.QueryParameters;
import dev.switchboard.web.RouteModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * {@code GET /api/calls?from=&to=&limit=}: the journeys of calls that started in [from, to),
 * oldest first. {@code from}/{@code to} are instants ({@code 2026-11-22T08:00:00Z}) or UTC
 * dates ({@code 2026-11-22}, the start of that day); default: the last 24 hours.
 * <p>
 * {@code GET /api/calls/abandoned?limit=}: today's abandoned calls — today in the call centre's
 * time zone — newest first, and how many there were, for the wallboard.
 */
public final class CallsRoutes implements RouteModule {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5_000;
    static final int DEFAULT_ABANDONED = 50;
    static final int MAX_ABANDONED = 1_000;

    private final JourneyStore store;
    private final Clock clock;
    private final ZoneId zone;

    public CallsRoutes(JourneyStore store, Clock clock, ZoneId zone) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/calls").handler(this::list);
        router.get("/api/calls/abandoned").handler(this::abandonedToday);
    }

    private void abandonedToday(RoutingContext ctx) {
        int limit = QueryParameters.limit(ctx, DEFAULT_ABANDONED, MAX_ABANDONED);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Instant from = today.atStartOfDay(zone).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
        store.abandonedBetween(from, to, limit).onSuccess(abandoned -> {
            JsonArray calls = new JsonArray();
            abandoned.calls().forEach(c -> calls.add(new JsonObject().put("at", c.at() == null ? null : c.at().toString())
                    .put("queue", c.queue()).put("callerNumber", c.callerNumber()).put("account", c.account())
                    .put("waitSeconds", c.waitSeconds()).put("position", c.position()).put("linkedid", c.linkedid())));
            JsonObject body = new JsonObject().put("day", today.toString()).put("timeZone", zone.getId())
                    .put("total", abandoned.total()).put("calls", calls);
            ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
        }).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Instant to = QueryParameters.instant(ctx, "to", clock.instant());
        Instant from = QueryParameters.instant(ctx, "from", to.minus(Duration.ofHours(24)));
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("invalid_range", "'from' must be before 'to'.");
        }
        int limit = QueryParameters.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        store.between(from, to, limit).onSuccess(journeys -> {
            JsonArray body = new JsonArray();
            journeys.forEach(j -> body.add(JourneyJson.toJson(j)));
            ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
        }).onFailure(ctx::fail);
    }

}
