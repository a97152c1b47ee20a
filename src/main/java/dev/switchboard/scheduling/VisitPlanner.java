package dev.switchboard.scheduling;

import dev.switchboard.store.Transactions;
import dev.switchboard.web.ConflictException;
import dev.switchboard.cases.CaseStatus;
import dev.switchboard.cases.CaseStore;
import dev.switchboard.messages.OutgoingMessage;
import dev.switchboard.messages.Outbox;
import dev.switchboard.messages.Outbox.VisitNews;
import dev.switchboard.store.Constraints;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds free engineer slots for a case and books, cancels and confirms visits. Booking is atomic:
 * the engineer's row is locked, the slot checked against hours, absences and visits (with the
 * travel buffer), the visit written and the case scheduled in one transaction; of two agents
 * booking the same slot one gets it and the other a 409 with the next free slots. The database's
 * no-overlap key stands behind it.
 */
public final class VisitPlanner {

    private static final Duration DEFAULT_RANGE = Duration.ofDays(14);

    private final Pool pool;
    private final CaseStore cases;
    private final SlotFinder finder;
    private final Duration travelBuffer;
    private final Clock clock;
    private final DispatchDay dispatchDay;
    private final Outbox outbox;

    public VisitPlanner(Pool pool, CaseStore cases, SlotFinder finder, Duration travelBuffer, Outbox outbox,
                        Clock clock) {
        this.pool = pool;
        this.outbox = outbox;
        this.cases = cases;
        this.finder = finder;
        this.travelBuffer = travelBuffer;
        this.clock = clock;
        this.dispatchDay = new DispatchDay(pool, finder.zone(), travelBuffer);
    }

    /** Free slots for the case's job starting in [from, to), earliest first. */
    public Future<List<Slot>> slots(long caseId, Instant from, Instant to, int limit) {
        Instant start = from == null || from.isBefore(clock.instant()) ? clock.instant() : from;
        Instant end = to == null ? start.plus(DEFAULT_RANGE) : to;
        return job(pool, caseId).compose(job -> availability(pool, job, null, start, end)
                .map(a -> finder.free(a.engineers, a.hours, a.absences, a.visits, start, end, limit)));
    }

    public Future<JsonObject> book(long caseId, long engineerId, Instant start, AuthenticatedUser user) {
        return inFuture(start).compose(v -> Transactions.<Long>within(pool, client -> job(client, caseId).compose(job ->
                        bookWithin(client, job, engineerId, start, user)
                                .compose(visitId -> schedule(client, job, visitId, start, user).map(visitId))
                                .compose(visitId -> SqlTemplate.forUpdate(client, SchedulingSql.WAITLIST_BOOKED)
                                        .execute(Map.of("case", caseId)).map(visitId))
                                .compose(visitId -> outbox.visitWithin(client, caseId, visitId, VisitNews.BOOKED,
                                        start, start.plus(finder.visitLength())).map(visitId)))))
                .recover(e -> offerNextSlots(e, caseId, start))
                .onSuccess(visitId -> {
                    cases.announce(caseId);
                    outbox.written();
                })
                .compose(this::visit);
    }

    /**
     * Moves a booked visit to another slot (and engineer, if given) in one transaction: if the new
     * slot is not free the old visit stays as it was.
     */
    public Future<JsonObject> reschedule(long visitId, Long engineerId, Instant start, AuthenticatedUser user) {
        return inFuture(start).compose(v -> visit(visitId)).compose(old -> {
            long caseId = old.getLong("caseId");
            long engineer = engineerId != null ? engineerId : old.getLong("engineerId");
            return Transactions.<Long>within(pool, client -> lockBooked(client, visitId)
                            .compose(c -> SqlTemplate.forUpdate(client, SchedulingSql.CANCEL_VISIT)
                                    .execute(Map.of("visit", visitId)))
                            .compose(c -> job(client, caseId))
                            .compose(job -> bookWithin(client, job, engineer, start, user))
                            .compose(newId -> cases.noteWithin(client, caseId, user, "visit-rescheduled",
                                    "visit " + visitId + " moved to visit " + newId + " at " + start).map(newId))
                            .compose(newId -> outbox.visitWithin(client, caseId, newId, VisitNews.RESCHEDULED, start,
                                    start.plus(finder.visitLength())).map(newId)))
                    .recover(e -> offerNextSlots(e, caseId, start))
                    .onSuccess(newId -> {
                        cases.announce(caseId);
                        outbox.written();
                    });
        }).compose(this::visit);
    }

    private Future<Void> inFuture(Instant start) {
        return start.isAfter(clock.instant()) ? Future.succeededFuture()
                : Future.failedFuture(new ValidationException(Map.of("startsAt", "must be in the future")));
    }

    /** Locks the engineer, checks the slot is still free and writes the visit; its id. */
    private Future<Long> bookWithin(SqlClient client, Job job, long engineerId, Instant start, AuthenticatedUser user) {
        Instant end = start.plus(finder.visitLength());
        return lockEngineer(client, job, engineerId)
                .compose(engineer -> availability(client, job, engineerId, start, end))
                .compose(a -> {
                    if (!finder.isFree(engineerId, start, end, a.hours.getOrDefault(engineerId, List.of()),
                            a.absences, a.visits)) {
                        throw new SlotTakenException();
                    }
                    return insertVisit(client, job.caseId(), engineerId, start, end, user);
                });
    }

    /** A slot that was taken (or never free) becomes a 409 with the next free slots; other failures pass. */
    private <T> Future<T> offerNextSlots(Throwable e, long caseId, Instant start) {
        if (!(e instanceof SlotTakenException) && !Constraints.violated(e)) {
            return Future.failedFuture(e);
        }
        return slots(caseId, start, start.plus(DEFAULT_RANGE), 5).compose(next -> Future.failedFuture(
                new ConflictException("slot_taken", "That slot is no longer free; here are the next ones.",
                        new JsonObject().put("nextSlots", json(next)))));
    }

    /**
     * What can be offered for a visit promised by {@code promisedBy}: the free slots before it;
     * when there are none, the earliest slot after it, a place on the waitlist, or escalation.
     */
    public Future<JsonObject> options(long caseId, Instant promisedBy) {
        return slots(caseId, clock.instant(), promisedBy, 10).compose(within -> {
            if (!within.isEmpty()) {
                return Future.succeededFuture(new JsonObject().put("withinPromise", json(within))
                        .put("alternatives", new JsonArray()));
            }
            return slots(caseId, promisedBy, promisedBy.plus(Duration.ofDays(60)), 1).map(after -> {
                JsonArray alternatives = new JsonArray();
                if (!after.isEmpty()) {
                    alternatives.add(new JsonObject().put("kind", "earliest-slot").put("slot", json(after).getJsonObject(0)));
                }
                alternatives.add(new JsonObject().put("kind", "waitlist")
                        .put("href", "/api/cases/" + caseId + "/waitlist"));
                alternatives.add(new JsonObject().put("kind", "escalate")
                        .put("href", "/api/cases/" + caseId + "/escalations"));
                return new JsonObject().put("withinPromise", new JsonArray()).put("alternatives", alternatives);
            });
        });
    }

    /** Puts the case on the waitlist for a visit by {@code wantedBy}; noted on the case. */
    public Future<JsonObject> waitlist(long caseId, Instant wantedBy, AuthenticatedUser user) {
        return Transactions.<Long>within(pool, client -> job(client, caseId).compose(job -> {
            Map<String, Object> p = new HashMap<>();
            p.put("case", caseId);
            p.put("wantedBy", UtcTimes.column(wantedBy));
            p.put("user", user.id());
            return SqlTemplate.forQuery(client, SchedulingSql.WAITLIST_ADD).execute(p)
                    .map(rows -> rows.iterator().next().getLong("id"))
                    .compose(id -> cases.noteWithin(client, caseId, user, "waitlisted",
                            "waiting for a visit by " + wantedBy).map(id));
        })).onSuccess(id -> cases.announce(caseId)).compose(id -> Future.succeededFuture(new JsonObject().put("id", id).put("caseId", caseId)
                .put("wantedBy", wantedBy.toString()).put("status", "waiting")));
    }

    /** Every case waiting for a visit, the most urgent promise first. */
    public Future<JsonArray> waitingList() {
        return SqlTemplate.forQuery(pool, SchedulingSql.WAITLIST_OPEN).execute(Map.of()).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("caseId", r.getLong("case_id"))
                    .put("wantedBy", UtcTimes.text(r.getLocalDateTime("wanted_by")))
                    .put("requestedAt", UtcTimes.text(r.getLocalDateTime("requested_at")))
                    .put("category", r.getString("category")).put("accountNumber", r.getString("account_number"))
                    .put("accountName", r.getString("account_name"))));
            return out;
        });
    }

    /** Cancels a booked visit; a case left without one goes back to open. */
    public Future<JsonObject> cancel(long visitId, String reason, AuthenticatedUser user) {
        return Transactions.within(pool, client -> lockBooked(client, visitId).compose(caseId ->
                visit(client, visitId).compose(visit -> outbox.visitWithin(client, caseId, visitId, VisitNews.CANCELLED,
                                Instant.parse(visit.getString("startsAt")), Instant.parse(visit.getString("endsAt"))))
                        .compose(v -> SqlTemplate.forUpdate(client, SchedulingSql.CANCEL_VISIT).execute(Map.of("visit", visitId)))
                        .compose(v -> SqlTemplate.forQuery(client, SchedulingSql.OTHER_BOOKED_VISITS)
                                .execute(Map.of("case", caseId, "visit", visitId)))
                        .compose(others -> {
                            String why = "visit " + visitId + " cancelled" + (reason == null ? "" : ": " + reason);
                            return others.iterator().next().getLong("n") == 0
                                    ? cases.moveWithin(client, caseId, null, CaseStatus.OPEN, why, null, user)
                                    .recover(e -> cases.noteWithin(client, caseId, user, "visit-cancelled", why))
                                    : cases.noteWithin(client, caseId, user, "visit-cancelled", why);
                        }).map(caseId))).onSuccess(caseId -> {
                            cases.announce(caseId);
                            outbox.written();
                        }).compose(v -> visit(visitId));
    }

    /**
     * A delivered visit message advises the customer by itself, in the transaction that marks it
     * sent: the visit's customer-advised columns and a line in the case's trail. A visit no longer
     * booked (cancelled, or moved) is left as it is.
     */
    public Future<Void> advisedByMessageWithin(SqlClient client, OutgoingMessage message) {
        if (message.visitId() == null || "visit-cancelled".equals(message.kind())) {
            return Future.succeededFuture();
        }
        return SqlTemplate.forQuery(client, SchedulingSql.LOCK_VISIT).execute(Map.of("visit", message.visitId()))
                .compose(rows -> {
                    if (rows.size() == 0 || !"booked".equals(rows.iterator().next().getString("status"))) {
                        return Future.succeededFuture();
                    }
                    Map<String, Object> p = new HashMap<>();
                    p.put("visit", message.visitId());
                    p.put("via", message.channel());
                    p.put("now", UtcTimes.column(clock.instant()));
                    return SqlTemplate.forUpdate(client, SchedulingSql.ADVISE).execute(p)
                            .compose(v -> cases.systemNoteWithin(client, message.caseId(), "system", "customer-advised",
                                    "told of visit " + message.visitId() + " by " + message.channel()
                                            + " (message " + message.id() + ")"));
                });
    }

    /** Records that the customer was told the visit's date, when (now) and how. */
    public Future<JsonObject> advised(long visitId, String via, AuthenticatedUser user) {
        return Transactions.within(pool, client -> lockBooked(client, visitId).compose(caseId -> {
            Map<String, Object> p = new HashMap<>();
            p.put("visit", visitId);
            p.put("via", via);
            p.put("now", UtcTimes.column(clock.instant()));
            return SqlTemplate.forUpdate(client, SchedulingSql.ADVISE).execute(p).compose(v -> visit(client, visitId))
                    .compose(visit -> cases.noteWithin(client, caseId, user, "customer-advised",
                            "told of the visit on " + visit.getString("startsAt") + " via " + via)).map(caseId);
        })).onSuccess(cases::announce).compose(v -> visit(visitId));
    }

    /**
     * The engineer's report: the visit is done and the case visited; any outcome but fixed sends
     * the case back to open for the next visit.
     */
    public Future<JsonObject> report(long visitId, EngineerReport report, AuthenticatedUser user) {
        return Transactions.within(pool, client -> lockBooked(client, visitId).compose(caseId -> {
            Map<String, Object> p = new HashMap<>();
            p.put("visit", visitId);
            p.put("outcome", report.outcome());
            p.put("workDone", report.workDone());
            p.put("partsUsed", report.partsUsed());
            p.put("minutes", report.minutesOnSite());
            p.put("now", UtcTimes.column(clock.instant()));
            p.put("user", user.id());
            return SqlTemplate.forUpdate(client, SchedulingSql.INSERT_REPORT).execute(p)
                    .compose(v -> SqlTemplate.forUpdate(client, SchedulingSql.COMPLETE_VISIT).execute(Map.of("visit", visitId)))
                    .compose(v -> cases.moveWithin(client, caseId, null, CaseStatus.VISITED,
                            "engineer report of visit " + visitId + ": " + report.outcome(), null, user))
                    .compose(v -> report.needsAnotherVisit()
                            ? cases.moveWithin(client, caseId, null, CaseStatus.OPEN,
                            "another visit needed (" + report.outcome() + ")", null, user)
                            : Future.<Void>succeededFuture()).map(caseId);
        })).onSuccess(cases::announce).compose(v -> visit(visitId));
    }

    public ZoneId zone() {
        return finder.zone();
    }

    /** The dispatcher's day: engineers, their hours, visits and free time, and free time by region. */
    public Future<JsonObject> day(LocalDate date) {
        return dispatchDay.of(date);
    }

    public Future<JsonObject> visit(long visitId) {
        return visit(pool, visitId).compose(visit -> SqlTemplate.forQuery(pool, SchedulingSql.REPORT)
                .execute(Map.of("visit", visitId)).map(rows -> {
                    if (rows.size() > 0) {
                        Row r = rows.iterator().next();
                        visit.put("report", new JsonObject().put("outcome", r.getString("outcome"))
                                .put("workDone", r.getString("work_done")).put("partsUsed", r.getString("parts_used"))
                                .put("minutesOnSite", r.getInteger("minutes_on_site"))
                                .put("reportedAt", UtcTimes.text(r.getLocalDateTime("reported_at"))));
                    }
                    return visit;
                }));
    }

    private Future<JsonObject> visit(SqlClient client, long visitId) {
        return SqlTemplate.forQuery(client, SchedulingSql.VISIT).execute(Map.of("visit", visitId)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException("There is no visit " + visitId + ".");
            }
            Row r = rows.iterator().next();
            return new JsonObject().put("id", r.getLong("id")).put("caseId", r.getLong("case_id"))
                    .put("engineerId", r.getLong("engineer_id")).put("engineer", r.getString("engineer"))
                    .put("startsAt", UtcTimes.text(r.getLocalDateTime("starts_at"))).put("endsAt", UtcTimes.text(r.getLocalDateTime("ends_at")))
                    .put("status", r.getString("status"))
                    .put("customerAdvisedAt", UtcTimes.text(r.getLocalDateTime("customer_advised_at")))
                    .put("customerAdvisedVia", r.getString("customer_advised_via"));
        });
    }

    /** What the case needs: skill and region; its status. */
    private record Job(long caseId, Long skill, Integer region) {
    }

    private Future<Job> job(SqlClient client, long caseId) {
        return SqlTemplate.forQuery(client, SchedulingSql.CASE_JOB).execute(Map.of("case", caseId)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException("There is no case " + caseId + ".");
            }
            Row r = rows.iterator().next();
            if (r.getValue("region") == null) {
                throw new ValidationException(Map.of("case", "has no service address, so no region to send an engineer to"));
            }
            return new Job(caseId, r.getValue("skill") == null ? null : r.getLong("skill"), r.getInteger("region"));
        });
    }

    private Future<Void> lockEngineer(SqlClient client, Job job, long engineerId) {
        return SqlTemplate.forQuery(client, SchedulingSql.LOCK_ENGINEER).execute(parameters(job, engineerId, null, null))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ValidationException(Map.of("engineerId",
                                "is not an active engineer with the skill and region this case needs"));
                    }
                    return null;
                });
    }

    private static final class Availability {
        final List<SlotFinder.Engineer> engineers = new ArrayList<>();
        final Map<Long, List<SlotFinder.WorkingHours>> hours = new HashMap<>();
        final Map<Long, List<SlotFinder.Busy>> absences = new HashMap<>();
        final Map<Long, List<SlotFinder.Busy>> visits = new HashMap<>();
    }

    private Future<Availability> availability(SqlClient client, Job job, Long engineerId, Instant from, Instant to) {
        Map<String, Object> p = parameters(job, engineerId, from.minus(Duration.ofDays(1)).minus(travelBuffer),
                to.plus(finder.visitLength()).plus(travelBuffer));
        Future<RowSet<Row>> engineers = SqlTemplate.forQuery(client, SchedulingSql.ENGINEERS).execute(p);
        Future<RowSet<Row>> hours = SqlTemplate.forQuery(client, SchedulingSql.HOURS).execute(p);
        Future<RowSet<Row>> absences = SqlTemplate.forQuery(client, SchedulingSql.ABSENCES).execute(p);
        Future<RowSet<Row>> visits = SqlTemplate.forQuery(client, SchedulingSql.VISITS).execute(p);
        return Future.all(engineers, hours, absences, visits).map(all -> {
            Availability a = new Availability();
            engineers.result().forEach(r -> a.engineers.add(new SlotFinder.Engineer(r.getLong("id"), r.getString("name"))));
            hours.result().forEach(r -> a.hours.computeIfAbsent(r.getLong("engineer_id"), k -> new ArrayList<>())
                    .add(new SlotFinder.WorkingHours(r.getInteger("weekday"), r.getLocalTime("starts_at"),
                            r.getLocalTime("ends_at"))));
            absences.result().forEach(r -> a.absences.computeIfAbsent(r.getLong("engineer_id"), k -> new ArrayList<>())
                    .add(busy(r)));
            visits.result().forEach(r -> a.visits.computeIfAbsent(r.getLong("engineer_id"), k -> new ArrayList<>())
                    .add(busy(r)));
            return a;
        });
    }

    private Future<Long> insertVisit(SqlClient client, long caseId, long engineerId, Instant start, Instant end,
                                     AuthenticatedUser user) {
        Map<String, Object> p = new HashMap<>();
        p.put("case", caseId);
        p.put("engineer", engineerId);
        p.put("start", UtcTimes.column(start));
        p.put("end", UtcTimes.column(end));
        p.put("user", user.id());
        return SqlTemplate.forQuery(client, SchedulingSql.INSERT_VISIT).execute(p)
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The case becomes scheduled; if it already was (another visit), the booking is noted. */
    private Future<Void> schedule(SqlClient client, Job job, long visitId, Instant start, AuthenticatedUser user) {
        String why = "visit " + visitId + " booked for " + start;
        return cases.moveWithin(client, job.caseId(), null, CaseStatus.SCHEDULED, why, null, user)
                .recover(e -> e instanceof ConflictException conflict
                        && "scheduled".equals(conflict.details().getString("from"))
                        ? cases.noteWithin(client, job.caseId(), user, "visit-booked", why)
                        : Future.failedFuture(e));
    }

    private Future<Long> lockBooked(SqlClient client, long visitId) {
        return SqlTemplate.forQuery(client, SchedulingSql.LOCK_VISIT).execute(Map.of("visit", visitId)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException("There is no visit " + visitId + ".");
            }
            Row r = rows.iterator().next();
            if (!"booked".equals(r.getString("status"))) {
                throw new ConflictException("visit_not_booked", "Visit " + visitId + " is " + r.getString("status")
                        + ", not booked.", new JsonObject().put("status", r.getString("status")));
            }
            return r.getLong("case_id");
        });
    }

    private static Map<String, Object> parameters(Job job, Long engineerId, Instant from, Instant to) {
        Map<String, Object> p = new HashMap<>();
        p.put("region", job.region());
        p.put("skill", job.skill());
        p.put("engineer", engineerId);
        p.put("from", from == null ? null : UtcTimes.column(from));
        p.put("to", to == null ? null : UtcTimes.column(to));
        return p;
    }

    static JsonArray json(List<Slot> slots) {
        JsonArray out = new JsonArray();
        slots.forEach(s -> out.add(new JsonObject().put("engineerId", s.engineerId()).put("engineer", s.engineerName())
                .put("startsAt", s.start().toString()).put("endsAt", s.end().toString())));
        return out;
    }

    private static SlotFinder.Busy busy(Row r) {
        return new SlotFinder.Busy(UtcTimes.instant(r.getLocalDateTime("starts_at")),
                UtcTimes.instant(r.getLocalDateTime("ends_at")));
    }

}
