package dev.switchboard.messages;

import dev.switchboard.store.UtcTimes;
import dev.switchboard.web.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes messages to customers in the caller's transaction, so a message exists exactly when the
 * event it tells of does; {@link #written()} after the commit wakes the sender.
 */
public final class Outbox {

    /** What happened to a visit. */
    public enum VisitNews {
        BOOKED("visit-booked", "Your engineer visit is booked"),
        RESCHEDULED("visit-rescheduled", "Your engineer visit has moved"),
        CANCELLED("visit-cancelled", "Your engineer visit is cancelled");

        final String kind;
        final String subject;

        VisitNews(String kind, String subject) {
            this.kind = kind;
            this.subject = subject;
        }
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final Pool pool;
    private final EventBus bus;
    private final ZoneId zone;
    private final String publicUrl;
    private final Clock clock;

    public Outbox(Pool pool, EventBus bus, ZoneId zone, String publicUrl, Clock clock) {
        this.pool = pool;
        this.bus = bus;
        this.zone = zone;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Tells the customer of a visit booked, moved or cancelled (with the visit's calendar entry). */
    public Future<Void> visitWithin(SqlClient client, long caseId, long visitId, VisitNews news, Instant start,
                                    Instant end) {
        return recipient(client, caseId).compose(r -> {
            String window = DAY.format(start.atZone(zone)) + ", arriving between " + TIME.format(start.atZone(zone))
                    + " and " + TIME.format(end.atZone(zone)) + " (" + zone.getId() + ")";
            String body = "Hello " + r.name() + ",\n\n" + switch (news) {
                case BOOKED -> "an engineer will visit you on " + window + ".";
                case RESCHEDULED -> "your engineer visit has moved to " + window + ".";
                case CANCELLED -> "the engineer visit on " + window + " is cancelled. We will be in touch.";
            } + "\nAddress: " + r.location() + "\nYour reference: case " + caseId + ".\n";
            String calendar = VisitCalendar.of(visitId, start, end, clock.instant(),
                    "Engineer visit (case " + caseId + ")", r.location(), news == VisitNews.CANCELLED);
            return insert(client, caseId, visitId, news.kind, r, news.subject, body, calendar);
        });
    }

    /** Sends the satisfaction survey link of a case just closed; the token is known only now. */
    public Future<Void> surveyWithin(SqlClient client, long caseId, String surveyToken) {
        return recipient(client, caseId).compose(r -> {
            String body = "Hello " + r.name() + ",\n\nyour case " + caseId + " is closed. How did we do? "
                    + "Tell us in one minute: " + publicUrl + "/survey/" + surveyToken + "\n";
            return insert(client, caseId, null, "case-closed", r, "How did we do?", body, null);
        });
    }

    /** Wakes the sender; call once the transaction that wrote messages has committed. */
    public void written() {
        bus.publish(MessagesAddresses.WRITTEN, null);
    }

    /** The case's messages, oldest first, with their delivery state. */
    public Future<JsonArray> ofCase(long caseId) {
        return SqlTemplate.forQuery(pool, OutboxSql.CASE_EXISTS).execute(Map.of("case", caseId)).compose(found -> {
            if (found.iterator().next().getLong("n") == 0) {
                throw new NotFoundException("There is no case " + caseId + ".");
            }
            return SqlTemplate.forQuery(pool, OutboxSql.OF_CASE).execute(Map.of("case", caseId));
        }).map(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) {
                out.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
                        .put("visitId", r.getLong("visit_id")).put("channel", r.getString("channel"))
                        .put("recipient", r.getString("recipient")).put("status", r.getString("status"))
                        .put("attempts", r.getInteger("attempts")).put("lastError", r.getString("last_error"))
                        .put("createdAt", UtcTimes.text(r.getLocalDateTime("created_at")))
                        .put("sentAt", UtcTimes.text(r.getLocalDateTime("sent_at"))));
            }
            return out;
        });
    }

    private Future<Recipient> recipient(SqlClient client, long caseId) {
        return SqlTemplate.forQuery(client, OutboxSql.RECIPIENT).execute(Map.of("case", caseId)).map(rows -> {
            Row r = rows.iterator().next();
            String location = r.getString("line1") == null ? "" : String.join(", ",
                    java.util.stream.Stream.of(r.getString("line1"), r.getString("line2"), r.getString("city"),
                            r.getString("postcode")).filter(s -> s != null && !s.isBlank()).toList());
            return new Recipient(r.getString("name"), r.getString("email"), r.getString("preferred_channel"),
                    r.getString("mobile"), location);
        });
    }

    private Future<Void> insert(SqlClient client, long caseId, Long visitId, String kind, Recipient r,
                                String subject, String body, String calendar) {
        Optional<Recipient.Address> address = r.address();
        Map<String, Object> p = new HashMap<>();
        p.put("key", UUID.randomUUID().toString());
        p.put("case", caseId);
        p.put("visit", visitId);
        p.put("kind", kind);
        p.put("channel", address.map(a -> a.channel().code).orElse(null));
        p.put("recipient", address.map(Recipient.Address::to).orElse(null));
        p.put("subject", subject);
        p.put("body", body);
        p.put("calendar", calendar);
        p.put("status", address.isPresent() ? "queued" : "failed");
        p.put("error", address.isPresent() ? null : "the account has no e-mail address and no mobile number");
        p.put("now", UtcTimes.column(clock.instant()));
        return SqlTemplate.forUpdate(client, OutboxSql.INSERT).execute(p).mapEmpty();
    }
}
