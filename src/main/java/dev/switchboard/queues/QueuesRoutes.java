package dev.switchboard.queues;

import dev.switchboard.config.WallboardConfig;
import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.QueryParameters;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.WebSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/queues?period=today|rolling|interval}: each queue live and its figures;
 * {@code GET /api/reports/intervals?queue=&date=[&format=csv]}: a day in 15-minute rows;
 * {@code /api/queues/live}: the wallboard feed, a WebSocket (for supervisors and admins, as
 * {@link dev.switchboard.web.auth.AccessPolicy} says) — a snapshot on connect (with the time it
 * was taken and the limits on an agent's time in one state), then every delta and a heartbeat
 * every second.
 */
public final class QueuesRoutes implements RouteModule {

    private final Vertx vertx;
    private final QueueFiguresService figures;
    private final WallboardConfig wallboard;
    private final Clock clock;

    public QueuesRoutes(Vertx vertx, QueueFiguresService figures, WallboardConfig wallboard, Clock clock) {
        this.vertx = vertx;
        this.figures = figures;
        this.wallboard = wallboard;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/queues/live").handler(this::feed);
        router.get("/api/queues").handler(this::queues);
        router.get("/api/reports/intervals").handler(this::intervals);
    }

    private void queues(RoutingContext ctx) {
        FiguresPeriod period = FiguresPeriod.parse(ctx.queryParams().get("period"));
        snapshot(period).onSuccess(body -> ctx.response().putHeader("Content-Type", "application/json")
                .end(body.encode())).onFailure(ctx::fail);
    }

    /** Every queue known live or with calls in the period: live state merged with the figures. */
    private Future<JsonArray> snapshot(FiguresPeriod period) {
        QueueFiguresService.Range range = figures.range(period);
        return vertx.eventBus().<JsonArray>request(QueuesAddresses.LIVE, null)
                .compose(live -> figures.figures(period).map(byQueue -> {
                    Map<String, JsonObject> queues = new TreeMap<>();
                    for (Object q : live.body()) {
                        JsonObject queue = (JsonObject) q;
                        queues.put(queue.getString("name"), queue);
                    }
                    byQueue.keySet().forEach(name ->
                            queues.computeIfAbsent(name, n -> QueueJson.empty(n, figures.target(n))));
                    JsonArray out = new JsonArray();
                    queues.forEach((name, queue) -> out.add(queue.copy()
                            .mergeIn(QueueJson.figures(byQueue.getOrDefault(name, FiguresCalculator.figures(
                                    List.of(), figures.target(name), 0))))
                            .put("period", new JsonObject().put("name", period.code())
                                    .put("from", range.from().toString()).put("to", range.to().toString()))));
                    return out;
                }));
    }

    private void intervals(RoutingContext ctx) {
        String queue = ctx.queryParams().get("queue");
        if (queue == null || queue.isBlank() || queue.length() > 80) {
            throw new InvalidRequestException("invalid_parameter", "'queue' must name a queue.");
        }
        LocalDate date = QueryParameters.date(ctx, "date", LocalDate.now(figures.zone()));
        boolean csv = "csv".equalsIgnoreCase(ctx.queryParams().get("format"))
                || String.valueOf(ctx.request().getHeader("Accept")).contains("text/csv");
        figures.intervals(queue, date).onSuccess(rows -> {
            if (csv) {
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"" + safe(queue) + "-" + date + ".csv\"")
                        .end(csv(rows));
            } else {
                JsonArray out = new JsonArray();
                rows.forEach(row -> out.add(new JsonObject().put("from", row.from().toString())
                        .put("to", row.to().toString()).mergeIn(QueueJson.figures(row.figures()))));
                ctx.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("queue", queue).put("date", date.toString())
                                .mergeIn(QueueJson.target(figures.target(queue))).put("intervals", out).encode());
            }
        }).onFailure(ctx::fail);
    }

    static String csv(List<QueueFiguresService.IntervalRow> rows) {
        StringBuilder out = new StringBuilder("from,to,offered,answered,answered_within_target,abandoned,"
                + "abandoned_short,timed_out,service_level,asa_seconds,aht_seconds\r\n");
        for (QueueFiguresService.IntervalRow row : rows) {
            QueueFigures f = row.figures();
            out.append(row.from()).append(',').append(row.to()).append(',').append(f.offered()).append(',')
                    .append(f.answered()).append(',').append(f.answeredWithinTarget()).append(',')
                    .append(f.abandoned()).append(',').append(f.abandonedShort()).append(',').append(f.timedOut())
                    .append(',').append(number(f.serviceLevel())).append(',').append(number(f.asaSeconds()))
                    .append(',').append(number(f.ahtSeconds())).append("\r\n");
        }
        return out.toString();
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String safe(String queue) {
        return queue.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Seconds in each state after which the wallboard flags an agent; 0: never. */
    private JsonObject stateLimits() {
        JsonObject limits = new JsonObject();
        wallboard.stateLimitSeconds().forEach(limits::put);
        return limits;
    }

    /** The wallboard feed: snapshot first, then every delta, in order. */
    private void feed(RoutingContext ctx) {
        FiguresPeriod period = FiguresPeriod.parse(ctx.queryParams().get("period"));
        WebSockets.upgrade(ctx).onSuccess(socket -> follow(socket, period)).onFailure(ctx::fail);
    }

    private void follow(ServerWebSocket socket, FiguresPeriod period) {
        List<String> early = new ArrayList<>();
        boolean[] snapshotSent = {false};
        MessageConsumer<String> deltas = vertx.eventBus().consumer(QueuesAddresses.DELTAS, message -> {
            if (snapshotSent[0]) {
                socket.writeTextMessage(message.body());
            } else {
                early.add(message.body());
            }
        });
        socket.closeHandler(v -> deltas.unregister());
        deltas.completion().compose(v -> snapshot(period)).onSuccess(queues -> {
            socket.writeTextMessage(new JsonObject().put("type", "snapshot").put("at", clock.instant().toString())
                    .put("stateLimits", stateLimits())
                    .put("queues", queues).encode());
            early.forEach(socket::writeTextMessage);
            early.clear();
            snapshotSent[0] = true;
        }).onFailure(e -> socket.close((short) 1011, "snapshot failed"));
    }
}
