package dev.switchboard.queues;

import dev.switchboard.config.AnswerTargetConfig;
import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.Actor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admin's answer targets: {@code GET /api/admin/queues}; {@code PUT /api/admin/queues/{name}}
 * {targetSeconds, targetPercent, shortAbandonSeconds} — each may be null to fall back to the
 * configured, Asterisk's or the default value.
 */
public final class QueueTargetsRoutes implements RouteModule {

    static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,80}");

    private final QueueTargets targets;

    public QueueTargetsRoutes(QueueTargets targets) {
        this.targets = targets;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/admin/queues").handler(ctx -> targets.list()
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
                .onFailure(ctx::fail));
        router.put("/api/admin/queues/:name").handler(this::save);
    }

    private void save(RoutingContext ctx) {
        String queue = ctx.pathParam("name");
        if (!QUEUE_NAME.matcher(queue).matches()) {
            throw new InvalidRequestException("invalid_parameter", "The queue name must be 1 to 80 of A-Z a-z 0-9 . _ -");
        }
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        Integer seconds = whole(body, "targetSeconds", 1, 3600, problems);
        Integer shortAbandon = whole(body, "shortAbandonSeconds", 0, 600, problems);
        Double percent = null;
        Object p = body.getValue("targetPercent");
        if (p != null) {
            if (!(p instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > 100) {
                problems.put("targetPercent", "must be a number above 0 and at most 100, or null");
            } else {
                percent = n.doubleValue();
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        targets.save(Actor.of(ctx), queue, new AnswerTargetConfig(seconds, percent, shortAbandon))
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encode()))
                .onFailure(ctx::fail);
    }

    private static Integer whole(JsonObject body, String field, int min, int max, Map<String, String> problems) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer i) || i < min || i > max) {
            problems.put(field, "must be a whole number from " + min + " to " + max + ", or null");
            return null;
        }
        return i;
    }
}
