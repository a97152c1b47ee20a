package dev.switchboard.cases;

import dev.switchboard.web.PathParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /survey/{token}} {score 1–5, comment}: the customer's answer, through the link the
 * survey was sent with — no login, the token is the key. {@code GET /api/cases/{id}/surveys}: a
 * case's surveys and answers, for staff.
 */
public final class SurveyRoutes implements RouteModule {

    private final Surveys surveys;
    private final CaseStore cases;

    public SurveyRoutes(Surveys surveys, CaseStore cases) {
        this.surveys = surveys;
        this.cases = cases;
    }

    @Override
    public void mount(Router router) {
        router.post("/survey/:token").handler(ctx -> {
            JsonObject body = RequestBodies.jsonObject(ctx);
            Map<String, String> problems = new LinkedHashMap<>();
            Object score = body.getValue("score");
            if (!(score instanceof Integer n) || n < 1 || n > 5) {
                problems.put("score", "must be a whole number from 1 to 5");
            }
            Object comment = body.getValue("comment");
            if (comment != null && (!(comment instanceof String c) || c.length() > 2000)) {
                problems.put("comment", "must be text of at most 2000 characters");
            }
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            String token = ctx.pathParam("token");
            surveys.answer(token, (Integer) score, (String) comment, cases)
                    .onSuccess(v -> ctx.response().setStatusCode(204).end())
                    .onFailure(ctx::fail);
        });
        router.get("/api/cases/:id/surveys").handler(ctx -> cases.get(PathParameters.id(ctx))
                .compose(c -> surveys.ofCase(c.getLong("id")))
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
                .onFailure(ctx::fail));
    }
}
