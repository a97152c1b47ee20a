package dev.switchboard.scheduling;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dispatcher's day over the API, on a real database, three days ahead (UTC; visits last 2 h
 * with 30 min travel either side): Grace (north) works 08:00–18:00 with visits at 10:00 and
 * 14:00; Hedy (north and south) works 09:00–17:00 with none; Margaret (south) works 08:00–16:00,
 * is away 12:00–14:00 and has a visit at 09:00; Rita is off the rota but still has a visit;
 * Bob is off the rota with none; nobody covers the east.
 */
class DispatchDayTest {

    private static final String PASSWORD = "dispatch-password";

    private static ServiceRig rig;
    private static LocalDate day;
    private static String dan;
    private static String alice;

    @BeforeAll
    static void start() throws Exception {
        rig = new ServiceRig("dispatchday", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(), false);
        day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        Sql sql = Sql.on(rig.database);
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'north', 'North'), (2, 'south', 'South'), "
                + "(3, 'east', 'East')");
        sql.execute("INSERT INTO engineers (id, name, home_region_id, active) VALUES (1, 'Grace', 1, TRUE), "
                + "(2, 'Hedy', 1, TRUE), (3, 'Margaret', 2, TRUE), (4, 'Rita', 1, FALSE), (5, 'Bob', 1, FALSE)");
        sql.execute("INSERT INTO engineer_regions (engineer_id, region_id) VALUES (1, 1), (2, 1), (2, 2), (3, 2), "
                + "(4, 1), (5, 1)");
        for (int weekday = 1; weekday <= 7; weekday++) {
            sql.execute("INSERT INTO engineer_working_hours (engineer_id, weekday, starts_at, ends_at) VALUES "
                    + "(1, " + weekday + ", '08:00', '18:00'), (2, " + weekday + ", '09:00', '17:00'), "
                    + "(3, " + weekday + ", '08:00', '16:00'), (5, " + weekday + ", '08:00', '16:00')");
        }
        sql.execute("INSERT INTO engineer_absences (engineer_id, starts_at, ends_at, reason) VALUES "
                + "(3, '" + day + " 12:00', '" + day + " 14:00', 'training')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        sql.execute("INSERT INTO service_addresses (id, account_id, line1, city, postcode, region_id, is_primary) "
                + "VALUES (1, 1, '12 Analytical Way', 'Northtown', 'N1', 1, TRUE)");
        for (int id = 1; id <= 6; id++) {
            sql.execute("INSERT INTO cases (id, account_id, channel, category, status, description) VALUES ("
                    + id + ", 1, 'phone', 'plumbing', 'scheduled', 'Case " + id + "')");
        }
        sql.execute("INSERT INTO visits (case_id, engineer_id, starts_at, ends_at, status) VALUES "
                + "(1, 1, '" + day + " 10:00', '" + day + " 12:00', 'booked'), "
                + "(2, 1, '" + day + " 14:00', '" + day + " 16:00', 'booked'), "
                + "(3, 3, '" + day + " 09:00', '" + day + " 11:00', 'booked'), "
                + "(4, 4, '" + day + " 13:00', '" + day + " 15:00', 'booked'), "
                + "(5, 2, '" + day + " 10:00', '" + day + " 12:00', 'cancelled'), "
                + "(6, 2, '" + day.plusDays(1) + " 10:00', '" + day.plusDays(1) + " 12:00', 'booked')");
        String hash = new PasswordHasher().hash(PASSWORD);
        sql.execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(101, 'alice', 'Alice', '" + hash + "', 'agent'), (301, 'dan', 'Dan', '" + hash + "', 'dispatcher')");
        rig.start();
        dan = rig.login("dan", PASSWORD).bodyAsJsonObject().getString("token");
        alice = rig.login("alice", PASSWORD).bodyAsJsonObject().getString("token");
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static Map<String, JsonObject> byName(JsonArray items, String key) {
        return items.stream().map(JsonObject.class::cast).collect(Collectors.toMap(o -> o.getString(key), o -> o));
    }

    private static String at(String time) {
        return day + "T" + time + ":00Z";
    }

    @Test
    void every_engineer_on_the_rota_is_in_the_day_with_their_hours_less_absences_and_the_time_left_free() {
        JsonObject plan = rig.get("/api/dispatch/visits?date=" + day, dan).bodyAsJsonObject();
        Map<String, JsonObject> engineers = byName(plan.getJsonArray("engineers"), "name");

        assertThat(plan.getJsonArray("engineers").stream().map(e -> ((JsonObject) e).getString("name")))
                .as("Bob is off the rota with nothing to do; Rita is off it but has a visit")
                .containsExactly("Grace", "Hedy", "Margaret", "Rita");
        JsonObject hedy = engineers.get("Hedy");
        assertThat(hedy.getJsonArray("visits")).as("her cancelled visit and tomorrow's are not in the day").isEmpty();
        assertThat(hedy.getJsonArray("working")).containsExactly(
                new JsonObject().put("startsAt", at("09:00")).put("endsAt", at("17:00")));
        assertThat(hedy.getJsonArray("regions")).containsExactly("north", "south");
        assertThat(hedy.getLong("freeMinutes")).isEqualTo(480);

        JsonObject grace = engineers.get("Grace");
        assertThat(grace.getJsonArray("visits").stream().map(v -> ((JsonObject) v).getString("startsAt")))
                .containsExactly(at("10:00"), at("14:00"));
        assertThat(grace.getJsonArray("visits").getJsonObject(0).getLong("engineerId")).isEqualTo(1);
        assertThat(grace.getLong("freeMinutes")).as("600 worked less 09:30-12:30 and 13:30-16:30").isEqualTo(240);

        JsonObject margaret = engineers.get("Margaret");
        assertThat(margaret.getJsonArray("working")).as("the absence cuts her day in two").containsExactly(
                new JsonObject().put("startsAt", at("08:00")).put("endsAt", at("12:00")),
                new JsonObject().put("startsAt", at("14:00")).put("endsAt", at("16:00")));
        assertThat(margaret.getJsonArray("absences").getJsonObject(0).getString("reason")).isEqualTo("training");
        assertThat(margaret.getLong("workingMinutes")).isEqualTo(360);
        assertThat(margaret.getLong("freeMinutes")).as("360 worked less 08:30-11:30").isEqualTo(180);

        assertThat(engineers.get("Rita").getLong("freeMinutes")).isZero();
    }

    @Test
    void free_time_is_summed_by_region_over_the_engineers_on_the_rota_who_cover_it() {
        JsonObject plan = rig.get("/api/dispatch/visits?date=" + day, dan).bodyAsJsonObject();
        Map<String, JsonObject> regions = byName(plan.getJsonArray("regions"), "code");

        assertThat(regions.get("north").getInteger("engineers")).as("Grace and Hedy; not Rita nor Bob").isEqualTo(2);
        assertThat(regions.get("north").getLong("freeMinutes")).isEqualTo(240 + 480);
        assertThat(regions.get("south").getInteger("engineers")).as("Hedy and Margaret").isEqualTo(2);
        assertThat(regions.get("south").getLong("freeMinutes")).isEqualTo(480 + 180);
        assertThat(regions.get("east").getInteger("engineers")).isZero();
        assertThat(regions.get("east").getLong("freeMinutes")).isZero();
        assertThat(plan.getLong("travelBufferMinutes")).isEqualTo(30);
    }

    @Test
    void the_live_feed_tells_the_dispatcher_which_case_changed_and_is_closed_to_agents() throws Exception {
        BlockingQueue<JsonObject> heard = new LinkedBlockingQueue<>();
        var socket = rig.openSocket("/api/dispatch/live", dan, text -> heard.add(new JsonObject(text)));
        try {
            var cancelled = rig.client.post(rig.port, "127.0.0.1", "/api/visits/6/cancel")
                    .putHeader("Authorization", "Bearer " + dan).sendJsonObject(new JsonObject()).await();
            assertThat(cancelled.statusCode()).isEqualTo(200);

            assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(new JsonObject().put("type", "changed").put("caseId", 6));
        } finally {
            socket.close().await();
        }
        assertThatThrownBy(() -> rig.openSocket("/api/dispatch/live", alice, text -> { }))
                .as("an agent is refused the upgrade").hasMessageContaining("403");
    }
}
