package dev.switchboard.cases;

import dev.switchboard.store.DatabaseErrors;
import dev.switchboard.web.AttemptCounters;
import dev.switchboard.web.ClientAddress;
import dev.switchboard.web.ConflictException;
import dev.switchboard.web.GoneException;
import dev.switchboard.web.NotFoundException;
import dev.switchboard.web.PathParameters;
import dev.switchboard.web.Problem;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.ValidationException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The customer's survey, through the link it was sent with — no login, the token is the key:
 * {@code GET /survey/{token}} the page (200 the form, or already answered; 404 unknown link; 410
 * expired); {@code POST /survey/{token}} the answer, as JSON (204; problems as JSON) or as the
 * page's plain form (an HTML page: 200 thanks, 409 already answered, 410, 404, 422 the form again).
 * Every {@code /survey/*} request is counted per client address in the shared attempt counters
 * ({@link #REQUESTS}: a burst of {@link #BURST}, then one every {@link #REFILL}); beyond that, 429
 * with Retry-After.
 * {@code GET /api/cases/{id}/surveys}: a case's surveys and answers, for staff.
 */
public final class SurveyRoutes implements RouteModule {

    /** Requests to /survey/* one client address may make at once... */
    public static final int BURST = 20;
    /** ...and how often it gets one more. */
    public static final Duration REFILL = Duration.ofSeconds(3);
    /** The counter of survey requests per client address, forgotten after a minute's quiet. */
    public static final AttemptCounters.Policy REQUESTS = new AttemptCounters.Policy("survey", BURST, REFILL, REFILL,
            Duration.ofMinutes(1));

    private static final Logger log = LoggerFactory.getLogger(SurveyRoutes.class);
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private final Surveys surveys;
    private final CaseStore cases;
    private final AttemptCounters counters;

    public SurveyRoutes(Surveys surveys, CaseStore cases, AttemptCounters counters) {
        this.surveys = surveys;
        this.cases = cases;
        this.counters = counters;
    }

    @Override
    public void mount(Router router) {
        router.route("/survey/*").handler(this::limitRate);
        router.get("/survey/:token").handler(this::page);
        router.post("/survey/:token").handler(this::answer);
        router.get("/api/cases/:id/surveys").handler(ctx -> cases.get(PathParameters.id(ctx))
                .compose(c -> surveys.ofCase(c.getLong("id")))
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
                .onFailure(ctx::fail));
    }

    private void limitRate(RoutingContext ctx) {
        counters.take(REQUESTS, ClientAddress.of(ctx)).onSuccess(hold -> {
            if (hold.isZero()) {
                ctx.next();
            } else {
                tooManyRequests(ctx, Math.max(1, (hold.toMillis() + 999) / 1000));
            }
        }).onFailure(e -> failedPage(ctx, e));
    }

    private static void tooManyRequests(RoutingContext ctx, long wait) {
        ctx.response().putHeader("Retry-After", String.valueOf(wait));
        if (wantsPage(ctx)) {
            html(ctx, 429, SurveyPage.tooManyRequests(wait));
        } else {
            new Problem(429, "too_many_requests", "Too many survey requests from this address; try again in "
                    + wait + " s.").send(ctx);
        }
    }

    private void page(RoutingContext ctx) {
        surveys.state(ctx.pathParam("token")).onSuccess(state -> {
            switch (state) {
                case OPEN -> html(ctx, 200, SurveyPage.form(SurveyPage.Entered.NOTHING, Map.of()));
                case ANSWERED -> html(ctx, 200, SurveyPage.alreadyAnswered());
                case EXPIRED -> html(ctx, 410, SurveyPage.expired(Surveys.LINK_LIFETIME.toDays()));
                case UNKNOWN -> html(ctx, 404, SurveyPage.unknown());
            }
        }).onFailure(e -> failedPage(ctx, e));
    }

    private void answer(RoutingContext ctx) {
        if (isForm(ctx)) {
            answerForm(ctx);
            return;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        SurveyAnswer answer = SurveyAnswer.fromJson(RequestBodies.jsonObject(ctx), problems);
        if (answer == null) {
            throw new ValidationException(problems);
        }
        surveys.answer(ctx.pathParam("token"), answer, cases)
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** The page's plain form POST: the answer is told by a page, the form shown again when it needs fixing. */
    private void answerForm(RoutingContext ctx) {
        Map<String, String> problems = new LinkedHashMap<>();
        SurveyAnswer answer = SurveyAnswer.fromForm(ctx.request().formAttributes(), problems);
        if (answer == null) {
            SurveyPage.Entered entered = new SurveyPage.Entered(ctx.request().getFormAttribute("score"),
                    ctx.request().getFormAttribute("nps"), ctx.request().getFormAttribute("comment"));
            html(ctx, 422, SurveyPage.form(entered, problems));
            return;
        }
        surveys.answer(ctx.pathParam("token"), answer, cases)
                .onSuccess(v -> html(ctx, 200, SurveyPage.thanks()))
                .onFailure(e -> failedPage(ctx, e));
    }

    private static void failedPage(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ConflictException) {
            html(ctx, 409, SurveyPage.alreadyAnswered());
        } else if (failure instanceof GoneException) {
            html(ctx, 410, SurveyPage.expired(Surveys.LINK_LIFETIME.toDays()));
        } else if (failure instanceof NotFoundException) {
            html(ctx, 404, SurveyPage.unknown());
        } else {
            // the customer gets a page, not JSON; the log gets the failure but never the token
            log.error("Survey page failed on {} /survey/{token}", ctx.request().method(), failure);
            boolean databaseDown = DatabaseErrors.unreachable(failure);
            if (databaseDown) {
                ctx.response().putHeader("Retry-After", "5");
            }
            html(ctx, databaseDown ? 503 : 500, SurveyPage.failed());
        }
    }

    private static boolean isForm(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM_TYPE);
    }

    private static boolean wantsPage(RoutingContext ctx) {
        return ctx.request().method().name().equals("GET") || isForm(ctx);
    }

    private static void html(RoutingContext ctx, int status, String page) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(page);
    }
}
