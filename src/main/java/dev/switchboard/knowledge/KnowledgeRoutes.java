package dev.switchboard.knowledge;

import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.PathParameters;
import dev.switchboard.web.QueryParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.Versions;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/kb/articles} (supervisors and admins), {@code GET /api/kb/search?q=},
 * {@code GET /api/cases/{id}/articles/suggested}, {@code POST /api/cases/{id}/articles}
 * {articleId, solvedIt} (with {@code If-Match} when it solved the request), and
 * {@code GET /api/reports/solved-with-articles?from=&to=}.
 */
public final class KnowledgeRoutes implements RouteModule {

    private final KnowledgeBase knowledge;

    public KnowledgeRoutes(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/kb/articles").handler(this::add);
        router.get("/api/kb/search").handler(ctx -> {
            String q = ctx.queryParams().get("q");
            if (q == null || q.isBlank() || q.length() > 200) {
                throw new InvalidRequestException("invalid_parameter", "'q' must be 1 to 200 characters of search text.");
            }
            array(ctx, knowledge.search(q, 20));
        });
        router.get("/api/cases/:id/articles/suggested").handler(ctx -> array(ctx, knowledge.suggestFor(PathParameters.id(ctx))));
        router.post("/api/cases/:id/articles").handler(this::link);
        router.get("/api/reports/solved-with-articles").handler(ctx -> {
            Instant to = QueryParameters.instant(ctx, "to", Instant.now());
            array(ctx, knowledge.solvedWith(QueryParameters.instant(ctx, "from", to.minus(Duration.ofDays(30))), to));
        });
    }

    private void add(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        String title = RequestBodies.field(body, "title", 200, true, problems);
        String text = RequestBodies.field(body, "body", 20_000, true, problems);
        String category = RequestBodies.field(body, "category", 64, true, problems);
        String tags = RequestBodies.field(body, "tags", 500, false, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        knowledge.add(title, text, category, tags)
                .onSuccess(a -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(a.encode()))
                .onFailure(ctx::fail);
    }

    private void link(RoutingContext ctx) {
        long caseId = PathParameters.id(ctx);
        JsonObject body = RequestBodies.jsonObject(ctx);
        Object article = body.getValue("articleId");
        Object solved = body.getValue("solvedIt");
        Map<String, String> problems = new LinkedHashMap<>();
        if (!(article instanceof Number)) {
            problems.put("articleId", "must be the number of an article");
        }
        if (solved != null && !(solved instanceof Boolean)) {
            problems.put("solvedIt", "must be true or false");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        boolean solvedIt = Boolean.TRUE.equals(solved);
        Integer version = solvedIt ? Integer.valueOf(Versions.required(ctx)) : Versions.optional(ctx);
        knowledge.link(caseId, ((Number) article).longValue(), solvedIt, version, AuthenticatedUser.of(ctx))
                .onSuccess(c -> ctx.response().putHeader("Content-Type", "application/json").end(c.encode()))
                .onFailure(ctx::fail);
    }

    private static void array(RoutingContext ctx, Future<JsonArray> result) {
        result.onSuccess(a -> ctx.response().putHeader("Content-Type", "application/json").end(a.encode()))
                .onFailure(ctx::fail);
    }

}
