package dev.switchboard.calls;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each stored fact about a call keeps where it came from (AMI, an estimate after missed events, or
 * Asterisk's queue_log), and storing a call again lets the more exact fact win, never the later one.
 */
class FactSourcesStoredTest {

    private static final String PBX = "pbx@10.0.0.5:5038";
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private static final Vertx vertx = Vertx.vertx();
    private static ConnectionSettings db;
    private static JourneyStore store;

    @BeforeAll
    static void migrate() {
        db = TestMariaDb.freshDatabase("fact_sources");
        Migrations.migrateBlocking(db);
        store = new JourneyStore(Database.createPool(vertx, db, 2));
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().await();
    }

    @Test
    void a_call_stored_before_sources_were_kept_reads_as_reported_by_ami() throws Exception {
        Sql sql = Sql.on(db);
        sql.execute("INSERT INTO call_journeys (server, linkedid, started_at, ended_at) "
                + "VALUES ('" + PBX + "', 'old.1', '2026-11-20 09:00:00', '2026-11-20 09:03:00')");
        sql.execute("INSERT INTO call_legs (journey_id, leg_no, uniqueid, queue_name, joined_at, outcome, left_at) "
                + "SELECT id, 1, 'old.1', 'support', '2026-11-20 09:00:10', 'answered', '2026-11-20 09:00:30' "
                + "FROM call_journeys WHERE linkedid = 'old.1'");
        sql.execute("INSERT INTO call_legs (journey_id, leg_no, uniqueid, queue_name, joined_at) "
                + "SELECT id, 2, 'old.1', 'billing', '2026-11-20 09:01:00' "
                + "FROM call_journeys WHERE linkedid = 'old.1'");
        sql.execute("INSERT INTO call_rings (journey_id, leg_no, ring_no, agent_member_name, agent_interface, rung_at, "
                + "outcome, ring_ms) SELECT id, 1, 1, 'Alice', 'PJSIP/1001', '2026-11-20 09:00:25', 'answered', 5000 "
                + "FROM call_journeys WHERE linkedid = 'old.1'");

        JourneyRecord call = stored("old.1");

        assertThat(call.source()).isEqualTo(FactSource.AMI);
        assertThat(call.endedSource()).isEqualTo(FactSource.AMI);
        assertThat(call.legs().get(0).joinedSource()).isEqualTo(FactSource.AMI);
        assertThat(call.legs().get(0).outcomeSource()).isEqualTo(FactSource.AMI);
        assertThat(call.legs().get(0).rings().get(0).source()).isEqualTo(FactSource.AMI);
        assertThat(call.legs().get(1).outcomeSource()).as("still waiting: no outcome, no source of it").isNull();
    }

    @Test
    void an_estimated_join_gives_way_to_a_reported_one_and_a_reported_one_is_never_moved_by_a_less_exact_one() {
        save(call("join.1", null, null, waiting(1, T0.plusSeconds(5), FactSource.RESYNC)));
        save(call("join.1", null, null, waiting(1, T0.plusSeconds(7), FactSource.AMI)));
        assertThat(stored("join.1").legs().get(0)).satisfies(leg -> {
            assertThat(leg.joinedAt()).as("the exact join, though later").isEqualTo(T0.plusSeconds(7));
            assertThat(leg.joinedSource()).isEqualTo(FactSource.AMI);
        });

        save(call("join.1", null, null, waiting(1, T0.plusSeconds(1), FactSource.RESYNC)));
        save(call("join.1", null, null, waiting(1, T0.plusSeconds(6), FactSource.QUEUE_LOG)));
        assertThat(stored("join.1").legs().get(0)).satisfies(leg -> {
            assertThat(leg.joinedAt()).isEqualTo(T0.plusSeconds(7));
            assertThat(leg.joinedSource()).isEqualTo(FactSource.AMI);
        });

        save(call("join.2", null, null, waiting(1, T0.plusSeconds(9), FactSource.QUEUE_LOG)));
        save(call("join.2", null, null, waiting(1, T0.plusSeconds(8), FactSource.RESYNC)));
        save(call("join.2", null, null, waiting(1, T0.plusMillis(9_400), FactSource.AMI)));
        assertThat(stored("join.2").legs().get(0)).satisfies(leg -> {
            assertThat(leg.joinedAt()).as("AMI's milliseconds over queue_log's second").isEqualTo(T0.plusMillis(9_400));
            assertThat(leg.joinedSource()).isEqualTo(FactSource.AMI);
        });
    }

    @Test
    void the_first_end_stored_keeps_its_source_and_an_end_found_in_queue_log_says_so() {
        save(call("end.1", T0.plusSeconds(100), FactSource.AMI));
        save(call("end.1", T0.plusSeconds(90), FactSource.QUEUE_LOG));
        assertThat(stored("end.1").endedAt()).isEqualTo(T0.plusSeconds(100));
        assertThat(stored("end.1").endedSource()).isEqualTo(FactSource.AMI);

        save(call("end.2", null, null));
        save(call("end.2", T0.plusSeconds(90), FactSource.QUEUE_LOG));
        assertThat(stored("end.2").endedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(stored("end.2").endedSource()).isEqualTo(FactSource.QUEUE_LOG);
        assertThat(stored("end.2").source()).isEqualTo(FactSource.AMI);
    }

    @Test
    void a_repair_from_queue_log_replaces_the_outcome_and_when_the_caller_left_and_says_where_they_came_from() {
        save(call("out.1", null, null, left(LegOutcome.ABANDONED, FactSource.AMI, T0.plusSeconds(20))));
        save(call("out.1", null, null, left(LegOutcome.TIMEOUT, FactSource.QUEUE_LOG, T0.plusSeconds(25))));

        LegRecord leg = stored("out.1").legs().get(0);
        assertThat(leg.outcome()).isEqualTo(LegOutcome.TIMEOUT);
        assertThat(leg.outcomeSource()).isEqualTo(FactSource.QUEUE_LOG);
        assertThat(leg.leftAt()).isEqualTo(T0.plusSeconds(25));

        save(call("out.1", null, null, waiting(1, T0.plusSeconds(5), FactSource.AMI)));
        assertThat(stored("out.1").legs().get(0).outcome()).as("a state with no outcome takes nothing away")
                .isEqualTo(LegOutcome.TIMEOUT);
        assertThat(stored("out.1").legs().get(0).outcomeSource()).isEqualTo(FactSource.QUEUE_LOG);

        save(call("out.2", null, null, left(LegOutcome.ABANDONED, FactSource.AMI, T0.plusSeconds(20))));
        save(call("out.2", null, null, left(LegOutcome.ABANDONED, FactSource.AMI, T0.plusSeconds(30))));
        assertThat(stored("out.2").legs().get(0).leftAt()).as("AMI's first word on when").isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void a_ring_keeps_the_source_that_recorded_it_first_and_may_name_the_member_only() {
        RingRecord fromQueueLog = new RingRecord(1, "Alice", null, T0.plusSeconds(6), "no_answer", 15_000L,
                FactSource.QUEUE_LOG);
        save(call("ring.1", null, null,
                waiting(1, T0.plusSeconds(5), FactSource.QUEUE_LOG).withRings(List.of(fromQueueLog))));
        RingRecord fromAmi = new RingRecord(1, "Alice", "PJSIP/1001", T0.plusSeconds(6), "no_answer", 15_000L,
                FactSource.AMI);
        save(call("ring.1", null, null, waiting(1, T0.plusSeconds(5), FactSource.AMI).withRings(List.of(fromAmi))));

        RingRecord ring = stored("ring.1").legs().get(0).rings().get(0);
        assertThat(ring.source()).isEqualTo(FactSource.QUEUE_LOG);
        assertThat(ring.agentInterface()).isEqualTo("PJSIP/1001");
    }

    @Test
    void legs_are_read_in_the_order_the_caller_joined_them_whatever_their_numbers() {
        save(call("order.1", null, null, waiting(1, T0.plusSeconds(60), FactSource.AMI),
                waiting(2, T0.plusSeconds(10), FactSource.QUEUE_LOG)));

        assertThat(stored("order.1").legs()).extracting(LegRecord::legNo).containsExactly(2, 1);
    }

    @Test
    void the_calls_left_open_are_those_of_that_server_with_no_end_since_the_given_time() {
        Instant day = Instant.parse("2026-11-24T09:00:00Z");
        save(new JourneyRecord(PBX, "open.1", null, null, null, day, null, null, List.of(), FactSource.AMI, null));
        save(new JourneyRecord(PBX, "open.ended", null, null, null, day, null, day.plusSeconds(60), List.of(),
                FactSource.AMI, FactSource.AMI));
        save(new JourneyRecord(PBX, "open.old", null, null, null, day.minusSeconds(3_600), null, null, List.of(),
                FactSource.AMI, null));
        save(new JourneyRecord("other@10.0.0.6:5038", "open.elsewhere", null, null, null, day, null, null, List.of(),
                FactSource.AMI, null));

        assertThat(store.open(PBX, day.minusSeconds(60), 100).await()).extracting(JourneyRecord::linkedid)
                .containsExactly("open.1");
    }

    private static JourneyRecord call(String linkedid, Instant endedAt, FactSource endedSource, LegRecord... legs) {
        return new JourneyRecord(PBX, linkedid, "+14155550101", "Ada", null, T0, 5L, endedAt, List.of(legs),
                FactSource.AMI, endedSource);
    }

    private static LegRecord waiting(int legNo, Instant joinedAt, FactSource joinedSource) {
        return new LegRecord(legNo, "1.1", "support", joinedAt, 1, 1, null, null, null, null, null, null, null, 0,
                null, List.of(), joinedSource, null);
    }

    private static LegRecord left(LegOutcome outcome, FactSource source, Instant leftAt) {
        return new LegRecord(1, "1.1", "support", T0.plusSeconds(5), 1, 1, outcome, leftAt, 15L, null, null, null,
                null, 0, null, List.of(), FactSource.AMI, source);
    }

    private static void save(JourneyRecord journey) {
        store.save(List.of(journey)).await();
    }

    private static JourneyRecord stored(String linkedid) {
        return store.between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 1_000).await().stream()
                .filter(j -> j.linkedid().equals(linkedid)).findFirst().orElseThrow();
    }
}
