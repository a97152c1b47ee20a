package dev.switchboard.scheduling;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engineer slots and bookings over the API, on a real database: Grace fixes boilers in region 1
 * and works 08:00–18:00 (UTC) every day; Linus has no boiler skill; Barbara works in region 2.
 * Visits last 2 h with 30 min travel between them.
 */
class VisitBookingTest {

    private ServiceRig rig;
    private String token;
    private LocalDate monday;

    @BeforeEach
    void start() throws Exception {
        rig = new ServiceRig("booking", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(), false);
        monday = LocalDate.now(ZoneOffset.UTC).plusDays(3).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        Sql sql = Sql.on(rig.database);
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'north', 'North'), (2, 'south', 'South')");
        sql.execute("INSERT INTO skills (id, code, name) VALUES (1, 'boiler', 'Boilers')");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Grace', 1), (2, 'Linus', 1), "
                + "(3, 'Barbara', 2)");
        sql.execute("INSERT INTO engineer_skills (engineer_id, skill_id) VALUES (1, 1), (3, 1)");
        sql.execute("INSERT INTO engineer_regions (engineer_id, region_id) VALUES (1, 1), (2, 1), (3, 2)");
        for (int engineer = 1; engineer <= 3; engineer++) {
            for (int weekday = 1; weekday <= 7; weekday++) {
                sql.execute("INSERT INTO engineer_working_hours (engineer_id, weekday, starts_at, ends_at) VALUES ("
                        + engineer + ", " + weekday + ", '08:00', '18:00')");
            }
        }
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        sql.execute("INSERT INTO service_addresses (id, account_id, line1, city, postcode, region_id, is_primary) "
                + "VALUES (1, 1, '12 Analytical Way', 'Northtown', 'N1', 1, TRUE)");
        for (int id = 1; id <= 51; id++) {
            sql.execute("INSERT INTO cases (id, account_id, service_address_id, channel, category, description, "
                    + "required_skill_id) VALUES (" + id + ", 1, 1, 'phone', 'boiler', 'No hot water', 1)");
        }
        rig.start();
        token = rig.adminToken();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private Instant at(String time) {
        return Instant.parse(monday + "T" + time + ":00Z");
    }

    private HttpResponse<Buffer> book(long caseId, long engineer, Instant start) {
        return rig.client.post(rig.port, "127.0.0.1", "/api/cases/" + caseId + "/visits")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("engineerId", engineer).put("startsAt", start.toString())).await();
    }

    private JsonArray slots(long caseId, Instant from, Instant to) {
        return rig.get("/api/cases/" + caseId + "/slots?from=" + from + "&to=" + to, token).bodyAsJsonArray();
    }

    @Test
    void slots_respect_skill_region_working_hours_absences_visits_and_the_travel_buffer() throws Exception {
        Sql.on(rig.database).execute("INSERT INTO engineer_absences (engineer_id, starts_at, ends_at, reason) VALUES "
                + "(1, '" + monday + " 12:00', '" + monday + " 14:00', 'dentist')");
        assertThat(book(51, 1, at("08:00")).statusCode()).isEqualTo(201);

        JsonArray free = slots(1, at("00:00"), at("23:59"));

        assertThat(free.stream().map(s -> ((JsonObject) s).getString("engineer"))).containsOnly("Grace");
        assertThat(free.stream().map(s -> ((JsonObject) s).getString("startsAt")))
                .as("not before 10:30 (visit + travel), not across the 12:00-14:00 absence, ending by 18:00")
                .containsExactly(at("14:00").toString(), at("14:30").toString(), at("15:00").toString(),
                        at("15:30").toString(), at("16:00").toString());
    }

    @Test
    void of_fifty_agents_booking_one_slot_at_once_exactly_one_gets_it() throws Exception {
        List<Future<HttpResponse<Buffer>>> attempts = new ArrayList<>();
        for (long caseId = 1; caseId <= 50; caseId++) {
            attempts.add(rig.client.post(rig.port, "127.0.0.1", "/api/cases/" + caseId + "/visits")
                    .putHeader("Authorization", "Bearer " + token)
                    .sendJsonObject(new JsonObject().put("engineerId", 1).put("startsAt", at("14:00").toString())));
        }
        Future.join(attempts).await();

        List<HttpResponse<Buffer>> answers = attempts.stream().map(Future::result).toList();
        assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSize(1);
        List<HttpResponse<Buffer>> refused = answers.stream().filter(a -> a.statusCode() == 409).toList();
        assertThat(refused).hasSize(49);
        refused.forEach(r -> {
            JsonObject problem = r.bodyAsJsonObject();
            assertThat(problem.getString("code")).isEqualTo("slot_taken");
            assertThat(problem.getJsonArray("nextSlots")).isNotEmpty();
            Instant next = Instant.parse(problem.getJsonArray("nextSlots").getJsonObject(0).getString("startsAt"));
            assertThat(next).as("the next free slot keeps clear of 14:00-16:00 and its travel time")
                    .isIn(at("08:00").plusSeconds(86_400), at("08:00"), at("08:30"), at("09:00"), at("09:30"),
                            at("10:00"), at("10:30"), at("11:00"));
        });
        Sql sql = Sql.on(rig.database);
        assertThat(sql.count("SELECT COUNT(*) FROM visits WHERE status = 'booked'")).isEqualTo(1);
        assertThat(sql.count("SELECT COUNT(*) FROM cases WHERE status = 'scheduled'")).isEqualTo(1);
    }

    @Test
    void an_engineer_without_the_skill_or_outside_the_region_cannot_be_booked() {
        assertThat(book(1, 2, at("10:00")).statusCode()).as("Linus has no boiler skill").isEqualTo(422);
        assertThat(book(1, 3, at("10:00")).statusCode()).as("Barbara works in the south").isEqualTo(422);
        assertThat(book(1, 1, at("17:00")).statusCode()).as("would end after working hours").isEqualTo(409);
        assertThat(book(1, 1, Instant.now().minusSeconds(3600)).statusCode()).isEqualTo(422);
        assertThat(book(987, 1, at("10:00")).statusCode()).isEqualTo(404);
    }

    @Test
    void booking_schedules_the_case_advice_is_recorded_and_cancelling_frees_the_slot() {
        JsonObject visit = book(1, 1, at("10:00")).bodyAsJsonObject();
        assertThat(rig.get("/api/cases/1", token).bodyAsJsonObject().getString("status")).isEqualTo("scheduled");

        JsonObject advised = rig.client.post(rig.port, "127.0.0.1", "/api/visits/" + visit.getLong("id") + "/advised")
                .putHeader("Authorization", "Bearer " + token).sendJsonObject(new JsonObject().put("via", "call"))
                .await().bodyAsJsonObject();
        assertThat(advised.getString("customerAdvisedVia")).isEqualTo("call");
        assertThat(advised.getString("customerAdvisedAt")).isNotNull();
        assertThat(slots(1, at("00:00"), at("23:59")).stream().map(s -> ((JsonObject) s).getString("startsAt")))
                .doesNotContain(at("10:00").toString());

        HttpResponse<Buffer> cancelled = rig.client.post(rig.port, "127.0.0.1", "/api/visits/" + visit.getLong("id")
                + "/cancel").putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("reason", "customer away")).await();
        assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
        assertThat(rig.get("/api/cases/1", token).bodyAsJsonObject().getString("status")).isEqualTo("open");
        assertThat(slots(1, at("00:00"), at("23:59")).stream().map(s -> ((JsonObject) s).getString("startsAt")))
                .contains(at("10:00").toString());
        JsonArray events = rig.get("/api/cases/1/events", token).bodyAsJsonArray();
        assertThat(events.stream().map(e -> ((JsonObject) e).getString("kind")))
                .containsExactly("status", "customer-advised", "status");
        assertThat(events.getJsonObject(1).getString("reason")).contains("via call");
    }

    @Test
    void rescheduling_moves_the_visit_and_a_taken_slot_leaves_it_where_it_was() {
        JsonObject first = book(1, 1, at("08:00")).bodyAsJsonObject();
        assertThat(book(2, 1, at("14:00")).statusCode()).isEqualTo(201);

        HttpResponse<Buffer> taken = reschedule(first.getLong("id"), at("14:30"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.bodyAsJsonObject().getJsonArray("nextSlots")).isNotEmpty();
        assertThat(rig.get("/api/visits/" + first.getLong("id"), token).bodyAsJsonObject().getString("status"))
                .as("still booked after the refused move").isEqualTo("booked");

        JsonObject moved = reschedule(first.getLong("id"), at("10:30")).bodyAsJsonObject();
        assertThat(moved.getString("startsAt")).isEqualTo(at("10:30").toString());
        assertThat(moved.getString("status")).isEqualTo("booked");
        assertThat(rig.get("/api/visits/" + first.getLong("id"), token).bodyAsJsonObject().getString("status"))
                .isEqualTo("cancelled");
        assertThat(rig.get("/api/cases/1", token).bodyAsJsonObject().getString("status")).isEqualTo("scheduled");
        assertThat(rig.get("/api/cases/1/events", token).bodyAsJsonArray().stream()
                .map(e -> ((JsonObject) e).getString("kind"))).containsExactly("status", "visit-rescheduled");
    }

    @Test
    void with_no_slot_before_the_promised_date_the_earliest_slot_a_waitlist_or_escalation_is_offered()
            throws Exception {
        Instant promised = at("12:00");
        Sql sql = Sql.on(rig.database);
        JsonObject inTime = rig.get("/api/cases/1/booking-options?promisedBy=" + promised, token).bodyAsJsonObject();
        assertThat(inTime.getJsonArray("withinPromise")).isNotEmpty();
        assertThat(inTime.getJsonArray("alternatives")).isEmpty();

        // Grace is away until the promised time: nothing fits before it
        sql.execute("INSERT INTO engineer_absences (engineer_id, starts_at, ends_at, reason) VALUES (1, "
                + "UTC_TIMESTAMP() - INTERVAL 1 HOUR, '" + monday + " 12:00', 'training')");
        JsonObject late = rig.get("/api/cases/1/booking-options?promisedBy=" + promised, token).bodyAsJsonObject();
        assertThat(late.getJsonArray("withinPromise")).isEmpty();
        assertThat(late.getJsonArray("alternatives").stream().map(a -> ((JsonObject) a).getString("kind")))
                .containsExactly("earliest-slot", "waitlist", "escalate");
        assertThat(late.getJsonArray("alternatives").getJsonObject(0).getJsonObject("slot").getString("startsAt"))
                .isEqualTo(at("12:00").toString());

        HttpResponse<Buffer> waiting = rig.client.post(rig.port, "127.0.0.1", "/api/cases/1/waitlist")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("wantedBy", promised.toString())).await();
        assertThat(waiting.statusCode()).isEqualTo(201);
        assertThat(rig.get("/api/waitlist", token).bodyAsJsonArray()).singleElement()
                .satisfies(w -> assertThat(((JsonObject) w).getLong("caseId")).isEqualTo(1));
        assertThat(book(1, 1, at("12:00")).statusCode()).isEqualTo(201);
        assertThat(rig.get("/api/waitlist", token).bodyAsJsonArray()).as("booking settles the wait").isEmpty();
        assertThat(rig.get("/api/cases/1/booking-options", token).statusCode()).isEqualTo(400);
    }

    private HttpResponse<Buffer> reschedule(long visitId, Instant start) {
        return rig.client.post(rig.port, "127.0.0.1", "/api/visits/" + visitId + "/reschedule")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("startsAt", start.toString())).await();
    }
}
