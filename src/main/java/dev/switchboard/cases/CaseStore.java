package dev.switchboard.cases;

import dev.switchboard.store.Constraints;
import dev.switchboard.messages.Outbox;
import dev.switchboard.web.ConflictException;
import dev.switchboard.store.Transactions;
import dev.switchboard.store.UtcTimes;
import dev.switchboard.web.NotFoundException;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Cases: opened, edited and moved between states, each change in the same transaction as its
 * line in the audit trail (who, when, why). Every change names the version it was based on; a
 * change based on an older version is refused, so two agents cannot silently overwrite each other.
 */
public final class CaseStore {

    private final Pool pool;
    private final Clock clock;
    private final Surveys surveys;
    private final CaseChanges changes;
    private final CaseHistory history;

    private final Outbox outbox;

    public CaseStore(Pool pool, Clock clock, Surveys surveys, CaseChanges changes, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
        this.clock = clock;
        this.surveys = surveys;
        this.changes = changes;
        this.history = new CaseHistory(pool);
    }

    /**
     * Tells whoever shows the case that it changed; called once the transaction that changed it
     * (here or in scheduling, callbacks, surveys, knowledge) has committed.
     */
    public void announce(long caseId) {
        changes.changed(caseId);
    }

    /** Whether the call a case comes from must already be stored. */
    public enum CallLink {
        /** It must: an unknown Linkedid is refused. */
        REQUIRED,
        /** Link it when it is stored; otherwise open the case without the link and say so in its trail. */
        IF_STORED
    }

    /**
     * Opens a case for the request with this {@code reference}; a reference already used returns
     * the case it opened (an opening sent again opens nothing new).
     */
    public Future<JsonObject> open(NewCase request, AuthenticatedUser user, String reference, CallLink link) {
        return Transactions.within(pool, client -> SqlTemplate.forQuery(client, CasesSql.CASE_BY_REQUEST)
                        .execute(Map.of("reference", reference))
                        .compose(existing -> existing.size() > 0
                                ? Future.succeededFuture(existing.iterator().next().getLong("id"))
                                : insert(client, request, user, reference, link)))
                .recover(e -> Constraints.violated(e) ? openedBy(reference, e) : Future.failedFuture(e))
                .onSuccess(this::announce)
                .compose(this::get);
    }

    /**
     * Two openings with one reference at the same moment: both found nothing, the second insert
     * hit the unique reference; it answers with the case the first opened.
     */
    private Future<Long> openedBy(String reference, Throwable violation) {
        return SqlTemplate.forQuery(pool, CasesSql.CASE_BY_REQUEST).execute(Map.of("reference", reference))
                .compose(rows -> rows.size() > 0 ? Future.succeededFuture(rows.iterator().next().getLong("id"))
                        : Future.failedFuture(violation));
    }

    private Future<Long> insert(SqlClient client, NewCase request, AuthenticatedUser user, String reference,
                                CallLink link) {
        return accountId(client, request)
                .compose(account -> journeyId(client, request.callLinkedid(), link).compose(journey -> {
                    Map<String, Object> p = new HashMap<>();
                    p.put("reference", reference);
                    p.put("account", account);
                    p.put("channel", request.channel());
                    p.put("category", request.category());
                    p.put("priority", request.priority());
                    p.put("description", request.description());
                    p.put("journey", journey);
                    p.put("user", user.id());
                    p.put("now", now());
                    String how = "via " + request.channel() + (journey == null && request.callLinkedid() != null
                            ? " (call " + request.callLinkedid() + " was not stored yet)" : "");
                    return SqlTemplate.forQuery(client, CasesSql.INSERT_CASE).execute(p)
                            .map(rows -> rows.iterator().next().getLong("id"))
                            .compose(id -> event(client, id, user, "opened", null, CaseStatus.OPEN, how).map(id));
                }));
    }

    /** The open cases {@code user} works (see {@link CasesSql#MY_CASES}), the latest change first. */
    public Future<JsonArray> mine(AuthenticatedUser user) {
        return SqlTemplate.forQuery(pool, CasesSql.MY_CASES).execute(Map.of("user", user.id())).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id"))
                    .put("accountNumber", r.getString("account_number")).put("accountName", r.getString("account_name"))
                    .put("category", r.getString("category")).put("priority", r.getString("priority"))
                    .put("status", r.getString("status"))
                    .put("updatedAt", UtcTimes.text(r.getLocalDateTime("updated_at")))));
            return out;
        });
    }

    public Future<JsonObject> get(long id) {
        return SqlTemplate.forQuery(pool, CasesSql.CASE).execute(Map.of("id", id)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException("There is no case " + id + ".");
            }
            return json(rows.iterator().next());
        });
    }

    /** Edits category, priority and description of version {@code version} of the case. */
    public Future<JsonObject> edit(long id, int version, CaseEdit edit, AuthenticatedUser user) {
        return Transactions.within(pool, client -> lock(client, id, version).compose(current -> {
            Map<String, Object> p = new HashMap<>();
            p.put("id", id);
            p.put("category", edit.category());
            p.put("priority", edit.priority());
            p.put("description", edit.description());
            p.put("now", now());
            return SqlTemplate.forUpdate(client, CasesSql.EDIT_CASE).execute(p)
                    .compose(v -> event(client, id, user, "edited", null, null, edit.reason()));
        })).onSuccess(v -> announce(id)).compose(v -> get(id));
    }

    /** Moves version {@code version} of the case to {@code to}, if its state allows it. */
    public Future<JsonObject> move(long id, int version, CaseStatus to, String reason, String resolutionCode,
                                   AuthenticatedUser user) {
        return Transactions.within(pool, client -> moveWithin(client, id, version, to, reason, resolutionCode, user)
                        .compose(v -> to == CaseStatus.CLOSED ? surveyWithin(client, id).map(Optional::of)
                                : Future.succeededFuture(Optional.<Surveys.Created>empty())))
                .onSuccess(survey -> {
                    announce(id);
                    survey.ifPresent(s -> outbox.written());
                })
                .compose(survey -> get(id).map(json -> survey.map(s -> json.put("survey", new JsonObject()
                        .put("id", s.id()).put("link", "/survey/" + s.token()))).orElse(json)));
    }

    /** Closing sends a satisfaction survey (its link in the outbox), noted in the audit trail. */
    private Future<Surveys.Created> surveyWithin(SqlClient client, long id) {
        return surveys.createWithin(client, id).compose(created ->
                systemNoteWithin(client, id, "system", "survey-sent", "satisfaction survey " + created.id())
                        .compose(v -> outbox.surveyWithin(client, id, created.token()))
                        .map(created));
    }

    /** An audit line by someone who is not a user (the customer, the system). */
    public Future<Void> systemNoteWithin(SqlClient client, long id, String actor, String kind, String reason) {
        return eventLine(client, id, null, actor, kind, null, null, reason);
    }

    /**
     * Moves the case within the caller's transaction (booking a visit schedules its case);
     * {@code version} null: whatever version it is at.
     */
    public Future<Void> moveWithin(SqlClient client, long id, Integer version, CaseStatus to, String reason,
                                   String resolutionCode, AuthenticatedUser user) {
        return lock(client, id, version).compose(from -> {
            if (!from.mayBecome(to)) {
                JsonArray allowed = new JsonArray();
                from.next().forEach(s -> allowed.add(s.code()));
                throw new ConflictException("forbidden_transition", "A case that is " + from.code()
                        + " cannot become " + to.code() + ".",
                        new JsonObject().put("from", from.code()).put("allowed", allowed));
            }
            if (to == CaseStatus.CLOSED && (resolutionCode == null || resolutionCode.isBlank())) {
                throw new ValidationException(Map.of("resolutionCode", "is needed to close a case"));
            }
            Map<String, Object> p = new HashMap<>();
            p.put("id", id);
            p.put("to", to.code());
            p.put("resolution", to == CaseStatus.CLOSED ? resolutionCode : null);
            p.put("closedAt", to == CaseStatus.CLOSED ? now() : null);
            p.put("now", now());
            String kind = from == CaseStatus.CLOSED && to == CaseStatus.OPEN ? "reopened" : "status";
            return SqlTemplate.forUpdate(client, CasesSql.MOVE_CASE).execute(p)
                    .compose(v -> event(client, id, user, kind, from, to, reason));
        });
    }

    /** Adds a line to the case's audit trail within the caller's transaction. */
    public Future<Void> noteWithin(SqlClient client, long id, AuthenticatedUser user, String kind, String reason) {
        return event(client, id, user, kind, null, null, reason);
    }

    public Future<JsonArray> events(long id) {
        return get(id).compose(exists -> SqlTemplate.forQuery(pool, CasesSql.EVENTS).execute(Map.of("id", id)))
                .map(rows -> {
                    JsonArray events = new JsonArray();
                    rows.forEach(r -> events.add(CaseHistory.event(r)));
                    return events;
                });
    }

    /**
     * The case's stays in each state, oldest first, with seconds spent (until now for the current
     * one), and everything that happened to it (see {@link CaseHistory}).
     */
    public Future<JsonObject> timeline(long id) {
        LocalDateTime now = now();
        return get(id).compose(exists -> SqlTemplate.forQuery(pool, CasesSql.STAYS).execute(Map.of("id", id)))
                .map(rows -> {
                    JsonArray stays = new JsonArray();
                    Map<String, Long> totals = new TreeMap<>();
                    for (Row r : rows) {
                        LocalDateTime began = r.getLocalDateTime("began");
                        LocalDateTime ended = r.getLocalDateTime("ended");
                        long seconds = Duration.between(began, ended == null ? now : ended).toSeconds();
                        stays.add(new JsonObject().put("status", r.getString("status")).put("from", UtcTimes.text(began))
                                .put("to", UtcTimes.text(ended)).put("seconds", seconds));
                        totals.merge(r.getString("status"), seconds, Long::sum);
                    }
                    return new JsonObject().put("caseId", id).put("stays", stays)
                            .put("secondsByStatus", new JsonObject(new LinkedHashMap<>(totals)));
                }).compose(timeline -> history.into(timeline, id));
    }

    /** Average and longest time in each state of the cases opened in [from, to), longest average first. */
    public Future<JsonArray> timeInStates(Instant from, Instant to) {
        Map<String, Object> p = new HashMap<>();
        p.put("from", UtcTimes.column(from));
        p.put("to", UtcTimes.column(to));
        p.put("now", now());
        return SqlTemplate.forQuery(pool, CasesSql.TIME_IN_STATES).execute(p).map(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) {
                out.add(new JsonObject().put("status", r.getString("status")).put("stays", r.getLong("stays"))
                        .put("averageSeconds", r.getNumeric("average_seconds").doubleValue())
                        .put("longestSeconds", r.getLong("longest_seconds"))
                        .put("stillInIt", r.getLong("still_in_it")));
            }
            return out;
        });
    }

    /** Locks the case row; its status if it exists and is still at {@code version} (null: any). */
    private Future<CaseStatus> lock(SqlClient client, long id, Integer version) {
        return SqlTemplate.forQuery(client, CasesSql.LOCK_CASE).execute(Map.of("id", id)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException("There is no case " + id + ".");
            }
            Row row = rows.iterator().next();
            int current = row.getInteger("version");
            if (version != null && current != version) {
                throw new StaleVersionException(id, version, current);
            }
            return CaseStatus.fromCode(row.getString("status")).orElseThrow();
        });
    }

    private Future<Void> event(SqlClient client, long id, AuthenticatedUser user, String kind, CaseStatus from,
                               CaseStatus to, String reason) {
        return eventLine(client, id, user.id(), user.username(), kind, from, to, reason);
    }

    private Future<Void> eventLine(SqlClient client, long id, Long userId, String actor, String kind,
                                   CaseStatus from, CaseStatus to, String reason) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("now", now());
        p.put("user", userId);
        p.put("actor", actor);
        p.put("kind", kind);
        p.put("from", from == null ? null : from.code());
        p.put("to", to == null ? null : to.code());
        p.put("reason", reason);
        return SqlTemplate.forUpdate(client, CasesSql.INSERT_EVENT).execute(p).mapEmpty();
    }

    private Future<Long> accountId(SqlClient client, NewCase request) {
        return SqlTemplate.forQuery(client, CasesSql.ACCOUNT_BY_NUMBER).execute(Map.of("number", request.accountNumber()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ValidationException(Map.of("accountNumber", "no account has this number"));
                    }
                    return rows.iterator().next().getLong("id");
                });
    }

    private Future<Long> journeyId(SqlClient client, String linkedid, CallLink link) {
        if (linkedid == null) {
            return Future.succeededFuture(null);
        }
        return SqlTemplate.forQuery(client, CasesSql.JOURNEY_BY_LINKEDID).execute(Map.of("linkedid", linkedid))
                .map(rows -> {
                    if (rows.size() == 0 && link == CallLink.IF_STORED) {
                        return null;
                    }
                    if (rows.size() == 0) {
                        throw new ValidationException(Map.of("callLinkedid", "no call has this Linkedid"));
                    }
                    return rows.iterator().next().getLong("id");
                });
    }

    private static JsonObject json(Row r) {
        CaseStatus status = CaseStatus.fromCode(r.getString("status")).orElseThrow();
        JsonArray next = new JsonArray();
        status.next().forEach(s -> next.add(s.code()));
        return new JsonObject().put("id", r.getLong("id")).put("accountNumber", r.getString("account_number"))
                .put("accountName", r.getString("account_name")).put("channel", r.getString("channel"))
                .put("category", r.getString("category")).put("priority", r.getString("priority"))
                .put("status", status.code()).put("resolutionCode", r.getString("resolution_code"))
                .put("description", r.getString("description"))
                .put("callJourneyId", r.getLong("call_journey_id")).put("version", r.getInteger("version"))
                .put("createdAt", UtcTimes.text(r.getLocalDateTime("created_at")))
                .put("updatedAt", UtcTimes.text(r.getLocalDateTime("updated_at")))
                .put("closedAt", UtcTimes.text(r.getLocalDateTime("closed_at"))).put("allowedTransitions", next);
    }

    private LocalDateTime now() {
        return UtcTimes.column(clock.instant());
    }
}
