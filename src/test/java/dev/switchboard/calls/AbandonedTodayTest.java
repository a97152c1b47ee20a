package dev.switchboard.calls;

import dev.switchboard.sim.Recording;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallboard's "Abandoned today": the server decides what today is — the call centre's day in
 * its own time zone, not the browser's or UTC's — and gives the newest abandons first, with how
 * many there were, however busy the day.
 */
class AbandonedTodayTest {

    /** A zone where it is now mid-morning, so "today" there started hours ago and is not UTC's day. */
    private static final ZoneId CENTRE = midMorningNow();

    private ServiceRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void todays_abandons_in_the_call_centres_time_zone_newest_first_with_the_days_total() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        rig = new ServiceRig("abandoned_today", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(answered.snapshots(), List.of()),
                Map.of("SWITCHBOARD_TIME_ZONE", CENTRE.getId()));
        Instant startOfDay = LocalDate.now(CENTRE).atStartOfDay(CENTRE).toInstant();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Sql db = Sql.on(rig.database);
        for (int i = 1; i <= 60; i++) {
            store(db, "today-" + i, "+4416329600" + i, "support", "abandoned", now.minusSeconds(600 - i), 10 + i);
        }
        store(db, "yesterday-late", "+441632960998", "billing", "abandoned", startOfDay.minusSeconds(60), 30);
        store(db, "today-timeout", "+441632960997", "billing", "timeout", now.minusSeconds(30), 60);
        store(db, "today-answered", "+441632960996", "support", "answered", now.minusSeconds(20), 4);

        JsonObject today = rig.get("/api/calls/abandoned", rig.adminToken()).bodyAsJsonObject();

        assertThat(today.getString("day")).isEqualTo(LocalDate.now(CENTRE).toString());
        assertThat(today.getString("timeZone")).isEqualTo(CENTRE.getId());
        assertThat(today.getLong("total")).as("the abandons of today only: no timeout, no answer, none of yesterday")
                .isEqualTo(60);
        JsonArray calls = today.getJsonArray("calls");
        assertThat(calls).as("the newest 50 by default").hasSize(50);
        JsonObject newest = calls.getJsonObject(0);
        assertThat(newest.getString("linkedid")).isEqualTo("today-60");
        assertThat(newest.getString("queue")).isEqualTo("support");
        assertThat(newest.getString("callerNumber")).isEqualTo("+441632960060");
        assertThat(newest.getLong("waitSeconds")).isEqualTo(70);
        assertThat(newest.getString("at")).isEqualTo(now.minusSeconds(540).toString());
        assertThat(calls.getJsonObject(49).getString("linkedid")).isEqualTo("today-11");

        assertThat(rig.get("/api/calls/abandoned?limit=3", rig.adminToken()).bodyAsJsonObject().getJsonArray("calls"))
                .hasSize(3);
        assertThat(rig.get("/api/calls/abandoned?limit=0", rig.adminToken()).statusCode()).isEqualTo(400);
    }

    private static void store(Sql db, String linkedid, String number, String queue, String outcome, Instant left,
                              int holdSeconds) throws Exception {
        Instant joined = left.minusSeconds(holdSeconds);
        db.execute("INSERT INTO call_journeys (server, linkedid, caller_number, started_at, ended_at) VALUES "
                + "('sim', '" + linkedid + "', '" + number + "', '" + sql(joined) + "', '" + sql(left) + "')");
        db.execute("INSERT INTO call_legs (journey_id, leg_no, queue_name, joined_at, outcome, left_at, hold_seconds) "
                + "SELECT id, 1, '" + queue + "', '" + sql(joined) + "', '" + outcome + "', '" + sql(left) + "', "
                + holdSeconds + " FROM call_journeys WHERE linkedid = '" + linkedid + "'");
    }

    private static String sql(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ');
    }

    private static ZoneId midMorningNow() {
        int utcHour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(10 - utcHour + 12, 24) - 12; // −12 … +11: local time about 10:xx
        if (offset == 0) {
            offset = 1; // not UTC's own day boundary
        }
        return ZoneOffset.ofHours(offset);
    }
}
