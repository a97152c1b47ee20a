package dev.switchboard.calls;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import dev.switchboard.telephony.TelephonyEvent;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journey the database will not take (here an id longer than its column) is set aside in a
 * file and counted; it does not stop the calls around it from being stored.
 */
class RefusedJourneyTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void one_journey_the_database_refuses_is_kept_aside_and_the_others_are_stored() throws Exception {
        ConnectionSettings db = TestMariaDb.freshDatabase("refused");
        Migrations.migrateBlocking(db);
        Pool pool = Database.createPool(vertx, db, 2);
        Path dir = Path.of("target", "refused-" + System.nanoTime());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JourneyRecorder recorder = new JourneyRecorder(vertx, new JourneyTracker(Clock.systemUTC()),
                new JourneyStore(pool), registry, new JourneySpill(dir), 100, List.of());
        String tooLong = "9".repeat(100);
        Instant at = Instant.parse("2026-11-23T09:00:00Z");
        Context context = vertx.getOrCreateContext();

        CompletableFuture<Void> idle = new CompletableFuture<>();
        context.runOnContext(v -> {
            for (String linkedid : List.of("1.1", tooLong, "2.2")) {
                recorder.onTelephonyEvent(new TelephonyEvent.ChannelCreated("pbx", at, linkedid, linkedid,
                        "PJSIP/trunk-1", "+14155550101", "Ada"));
            }
            recorder.whenIdle().onComplete(done -> idle.complete(null));
        });
        idle.get(20, TimeUnit.SECONDS);

        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM call_journeys WHERE linkedid IN ('1.1', '2.2')")).isEqualTo(2);
        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM call_journeys")).isEqualTo(2);
        assertThat(registry.get("switchboard.calls.refused").counter().count()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("refused.jsonl"))).contains(tooLong);
        pool.close().await();
    }
}
