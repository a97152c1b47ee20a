package dev.switchboard.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Booking under contention: {@value #ATTEMPTS} cases try at once to book {@value #SLOTS} slots
 * of one engineer (ten cases per slot) through the HTTP API; exactly {@value #SLOTS} may win.
 */
final class BookingBench {

    private static final Logger log = LoggerFactory.getLogger(BookingBench.class);
    static final int ATTEMPTS = 200;
    static final int SLOTS = 20;

    private final ServiceSetup setup;

    BookingBench(ServiceSetup setup) {
        this.setup = setup;
    }

    void run(BenchReport report) throws Exception {
        try (BenchRig rig = setup.start(0)) {
            seed(rig.sql);
            String token = rig.users("booker", "agent", 1, null, null).get(0);
            List<JsonObject> slots = separateSlots(rig.request(HttpMethod.GET, "/api/cases/1/slots?limit=200", token, null)
                    .await().body().toJsonArray());
            if (slots.size() < SLOTS) {
                throw new IllegalStateException("only " + slots.size() + " separate slots found");
            }
            List<Future<BenchRig.Answer>> attempts = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < ATTEMPTS; i++) {
                JsonObject slot = slots.get(i % SLOTS);
                attempts.add(rig.request(HttpMethod.POST, "/api/cases/" + (i + 1) + "/visits", token,
                        new JsonObject().put("engineerId", slot.getLong("engineerId"))
                                .put("startsAt", slot.getString("startsAt"))));
            }
            Future.join(attempts).await();
            double seconds = (System.nanoTime() - start) / 1e9;
            long booked = attempts.stream().filter(a -> a.succeeded() && a.result().status() == 201).count();
            long taken = attempts.stream().filter(a -> a.succeeded() && a.result().status() == 409).count();
            long other = ATTEMPTS - booked - taken;
            long stored = rig.sql.count("SELECT COUNT(*) FROM visits WHERE status = 'booked'");
            long scheduled = rig.sql.count("SELECT COUNT(*) FROM cases WHERE status = 'scheduled'");
            log.info("Booking: {} booked, {} refused as taken, {} other, in {} s", booked, taken, other, seconds);
            report.part("Booking", String.format(Locale.ROOT, """
                    %d cases try at once, through `POST /api/cases/{id}/visits`, to book %d separate slots of one
                    engineer, ten cases per slot.

                    | attempts | booked (201) | refused, slot taken (409) | other | seconds | attempts/s | bookings/s |
                    |---|---|---|---|---|---|---|
                    | %d | %d | %d | %d | %.2f | %.0f | %.1f |
                    """, ATTEMPTS, SLOTS, ATTEMPTS, booked, taken, other, seconds, ATTEMPTS / seconds, booked / seconds),
                    new JsonObject().put("attempts", ATTEMPTS).put("slots", SLOTS).put("booked", booked)
                            .put("refused", taken).put("other", other).put("seconds", seconds)
                            .put("attemptsPerSecond", ATTEMPTS / seconds).put("bookingsPerSecond", booked / seconds));
            report.check("Booking", "exactly one booking per slot", booked == SLOTS && stored == SLOTS
                    && scheduled == SLOTS, booked + " answered 201, " + stored + " visits stored, " + scheduled
                    + " cases scheduled, for " + SLOTS + " slots");
            report.check("Booking", "every other attempt refused as taken", taken == ATTEMPTS - SLOTS && other == 0,
                    taken + " answered 409, " + other + " anything else");
        }
    }

    /** The earliest slots that do not overlap one another (with the travel buffer the service keeps). */
    private static List<JsonObject> separateSlots(JsonArray all) {
        List<JsonObject> chosen = new ArrayList<>();
        Instant free = Instant.MIN;
        for (Object o : all) {
            JsonObject slot = (JsonObject) o;
            Instant start = Instant.parse(slot.getString("startsAt"));
            if (!start.isBefore(free)) {
                chosen.add(slot);
                free = Instant.parse(slot.getString("endsAt")).plus(Duration.ofMinutes(30));
            }
        }
        return chosen;
    }

    /** One engineer working every day, {@value #ATTEMPTS} accounts in their region, each with an open case. */
    private static void seed(BenchSql sql) throws Exception {
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'bench', 'Bench')");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Bench Engineer', 1)");
        sql.execute("INSERT INTO engineer_regions (engineer_id, region_id) VALUES (1, 1)");
        for (int day = 1; day <= 7; day++) {
            sql.execute("INSERT INTO engineer_working_hours (engineer_id, weekday, starts_at, ends_at) VALUES (1, "
                    + day + ", '08:00', '18:00')");
        }
        List<Object[]> accounts = new ArrayList<>();
        List<Object[]> addresses = new ArrayList<>();
        List<Object[]> cases = new ArrayList<>();
        for (int i = 1; i <= ATTEMPTS; i++) {
            accounts.add(new Object[]{i, String.valueOf(500000 + i), "Bench customer " + i});
            addresses.add(new Object[]{i, i, i + " Bench Street", "Bench", "B" + i});
            cases.add(new Object[]{i, i, "boiler", "Bench case " + i});
        }
        sql.batch("INSERT INTO accounts (id, account_number, name) VALUES (?, ?, ?)", accounts);
        sql.batch("INSERT INTO service_addresses (id, account_id, line1, city, postcode, region_id, is_primary) "
                + "VALUES (?, ?, ?, ?, ?, 1, TRUE)", addresses);
        sql.batch("INSERT INTO cases (id, account_id, channel, category, description) VALUES (?, ?, 'phone', ?, ?)", cases);
    }
}
