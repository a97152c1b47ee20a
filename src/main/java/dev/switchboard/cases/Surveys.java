package dev.switchboard.cases;

import dev.switchboard.web.ConflictException;
import dev.switchboard.web.GoneException;
import dev.switchboard.store.Transactions;
import dev.switchboard.store.UtcTimes;
import dev.switchboard.web.NotFoundException;
import dev.switchboard.web.auth.Tokens;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Satisfaction surveys: one goes out each time a case is closed, answerable once through its
 * link (score 1–5, how likely they are to recommend us 0–10, a comment) until it expires; the
 * answer is tied to the case, its agent and its engineer.
 */
public final class Surveys {

    /** How long a survey link can be answered after it was sent; after that its page says it expired (410). */
    public static final Duration LINK_LIFETIME = Duration.ofDays(30);

    /** Where a survey link stands, for its page. */
    public enum LinkState { UNKNOWN, EXPIRED, ANSWERED, OPEN }

    /** A survey just created: its id and the link token for the customer. */
    public record Created(long id, String token) {
    }

    private final Pool pool;
    private final Clock clock;

    public Surveys(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    Future<Created> createWithin(SqlClient client, long caseId) {
        String token = Tokens.newToken();
        Map<String, Object> p = new HashMap<>();
        p.put("case", caseId);
        p.put("token", Tokens.sha256(token));
        p.put("now", now());
        return SqlTemplate.forQuery(client, SurveysSql.CREATE).execute(p)
                .map(rows -> new Created(rows.iterator().next().getLong("id"), token));
    }

    /** Where the link stands; an answered survey stays "answered" after it would have expired. */
    public Future<LinkState> state(String token) {
        return SqlTemplate.forQuery(pool, SurveysSql.BY_TOKEN).execute(Map.of("token", Tokens.sha256(token)))
                .map(rows -> rows.size() == 0 ? LinkState.UNKNOWN : stateOf(rows.iterator().next()));
    }

    private LinkState stateOf(Row survey) {
        if (survey.getValue("score") != null) {
            return LinkState.ANSWERED;
        }
        LocalDateTime expires = survey.getLocalDateTime("sent_at").plus(LINK_LIFETIME);
        return now().isBefore(expires) ? LinkState.OPEN : LinkState.EXPIRED;
    }

    /**
     * Records the customer's answer once: 404 for an unknown link, 409 if already answered, 410 once
     * the link has expired.
     */
    public Future<Void> answer(String token, SurveyAnswer answer, CaseStore cases) {
        return Transactions.within(pool, client -> SqlTemplate.forQuery(client, SurveysSql.BY_TOKEN_FOR_UPDATE)
                .execute(Map.of("token", Tokens.sha256(token))).compose(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("This survey link is not known.");
                    }
                    Row survey = rows.iterator().next();
                    refuseUnlessOpen(stateOf(survey));
                    Map<String, Object> p = new HashMap<>();
                    p.put("id", survey.getLong("id"));
                    p.put("score", answer.score());
                    p.put("nps", answer.nps());
                    p.put("comment", answer.comment());
                    p.put("now", now());
                    return SqlTemplate.forUpdate(client, SurveysSql.ANSWER).execute(p)
                            .compose(v -> cases.systemNoteWithin(client, survey.getLong("case_id"), "customer",
                                    "survey-answered", answer.noteText()))
                            .map(survey.getLong("case_id"));
                })).onSuccess(cases::announce).mapEmpty();
    }

    private static void refuseUnlessOpen(LinkState state) {
        if (state == LinkState.ANSWERED) {
            throw new ConflictException("already_answered", "This survey has been answered already.",
                    new JsonObject());
        }
        if (state == LinkState.EXPIRED) {
            throw new GoneException("survey_expired", "This survey link has expired.");
        }
    }

    public Future<JsonArray> ofCase(long caseId) {
        return SqlTemplate.forQuery(pool, SurveysSql.OF_CASE).execute(Map.of("case", caseId)).map(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) {
                out.add(new JsonObject().put("id", r.getLong("id")).put("closureNo", r.getInteger("closure_no"))
                        .put("channel", r.getString("channel")).put("sentAt", UtcTimes.text(r.getLocalDateTime("sent_at")))
                        .put("score", r.getInteger("score")).put("nps", r.getInteger("nps")).put("comment", r.getString("comment"))
                        .put("answeredAt", UtcTimes.text(r.getLocalDateTime("answered_at")))
                        .put("agent", r.getString("agent")).put("engineer", r.getString("engineer")));
            }
            return out;
        });
    }

    private LocalDateTime now() {
        return UtcTimes.column(clock.instant());
    }
}
