package dev.switchboard.knowledge;

import dev.switchboard.store.Transactions;
import dev.switchboard.cases.CaseStatus;
import dev.switchboard.cases.CaseStore;
import dev.switchboard.store.UtcTimes;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What agents look up when they do not know the answer: articles searched by full text
 * (MariaDB FULLTEXT), suggested for a case by its category and description, linked to the case
 * they helped with — and "resolved on the call with article X" counted.
 */
public final class KnowledgeBase {

    private final Pool pool;
    private final CaseStore cases;

    public KnowledgeBase(Pool pool, CaseStore cases) {
        this.pool = pool;
        this.cases = cases;
    }

    public Future<JsonObject> add(String title, String body, String category, String tags) {
        Map<String, Object> p = new HashMap<>();
        p.put("title", title);
        p.put("body", body);
        p.put("category", category);
        p.put("tags", tags == null ? "" : tags);
        return SqlTemplate.forQuery(pool, KnowledgeSql.INSERT_ARTICLE).execute(p).map(rows -> {
            Row r = rows.iterator().next();
            return new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title"))
                    .put("body", r.getString("body")).put("category", r.getString("category"))
                    .put("tags", r.getString("tags"));
        });
    }

    public Future<JsonArray> search(String query, int limit) {
        return SqlTemplate.forQuery(pool, KnowledgeSql.SEARCH).execute(Map.of("q", query, "limit", limit))
                .map(KnowledgeBase::articles);
    }

    public Future<JsonArray> suggestFor(long caseId) {
        return cases.get(caseId).compose(c -> SqlTemplate.forQuery(pool, KnowledgeSql.SUGGEST)
                .execute(Map.of("category", c.getString("category"), "q", c.getString("description"))))
                .map(KnowledgeBase::articles);
    }

    /**
     * Links an article to a case; if it solved the request, the case (at {@code version}) becomes
     * resolved, "on the call with article X" in its audit trail.
     */
    public Future<JsonObject> link(long caseId, long articleId, boolean solvedIt, Integer version,
                                   AuthenticatedUser user) {
        return Transactions.within(pool, client -> SqlTemplate.forQuery(client, KnowledgeSql.ARTICLE_TITLE)
                .execute(Map.of("article", articleId)).compose(rows -> {
                    if (rows.size() == 0) {
                        throw new ValidationException(Map.of("articleId", "no article has this id"));
                    }
                    String title = rows.iterator().next().getString("title");
                    Map<String, Object> p = new HashMap<>();
                    p.put("case", caseId);
                    p.put("article", articleId);
                    p.put("solved", solvedIt);
                    p.put("user", user.id());
                    String line = "article " + articleId + ": " + title;
                    return SqlTemplate.forUpdate(client, KnowledgeSql.LINK).execute(p)
                            .compose(v -> solvedIt
                                    ? cases.moveWithin(client, caseId, version, CaseStatus.RESOLVED,
                                    "resolved on the call with " + line, null, user)
                                    : cases.noteWithin(client, caseId, user, "article-linked", line));
                })).onSuccess(v -> cases.announce(caseId)).compose(v -> cases.get(caseId));
    }

    public Future<JsonArray> solvedWith(Instant from, Instant to) {
        return SqlTemplate.forQuery(pool, KnowledgeSql.SOLVED_WITH).execute(Map.of(
                "from", UtcTimes.column(from), "to", UtcTimes.column(to)))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(new JsonObject().put("articleId", r.getLong("id"))
                            .put("title", r.getString("title")).put("solved", r.getLong("solved"))));
                    return out;
                });
    }

    private static JsonArray articles(RowSet<Row> rows) {
        JsonArray out = new JsonArray();
        rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title"))
                .put("excerpt", r.getString("excerpt")).put("category", r.getString("category"))
                .put("tags", r.getString("tags"))));
        return out;
    }
}
