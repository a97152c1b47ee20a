package dev.switchboard.telephony.queuelog;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import dev.switchboard.testing.MovableClock;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reader's place in each server's queue_log survives in queue_log_readers, one row per server. */
class QueueLogPositionsTest {

    private static final Vertx vertx = Vertx.vertx();
    private static ConnectionSettings db;
    private static Pool pool;

    @BeforeAll
    static void database() {
        db = TestMariaDb.freshDatabase("queue_log_positions");
        Migrations.migrateBlocking(db);
        pool = Database.createPool(vertx, db, 2);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Test
    void a_server_never_read_has_no_position() {
        QueueLogPositions positions = new QueueLogPositions(pool, new MovableClock(Instant.parse("2026-11-30T08:00:00Z")));
        assertThat(positions.load("nobody@pbx:5038").await()).isEmpty();
    }

    @Test
    void a_saved_position_loads_as_it_was_saved_and_the_next_save_replaces_it() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"));
        QueueLogPositions positions = new QueueLogPositions(pool, clock);
        byte[] hash = QueueLogFile.sha256("1795346101|NONE|NONE|NONE|QUEUESTART|".getBytes());
        QueueLogPositions.Saved first = new QueueLogPositions.Saved("switchboard@pbx-a:5038", Path.of("/var/log/asterisk/queue_log"),
                new FilePosition("(dev=803,ino=1234)", hash, 1200), 4096, Instant.parse("2026-11-30T07:59:58Z"), null);

        QueueLogPositions.Saved stored = positions.save(first).await();
        assertThat(stored.updatedAt()).isEqualTo(clock.instant());
        Optional<QueueLogPositions.Saved> loaded = positions.load("switchboard@pbx-a:5038").await();
        assertThat(loaded).contains(stored);
        assertThat(loaded.orElseThrow().file().firstLineSha256()).isEqualTo(hash);
        assertThat(loaded.orElseThrow().resumeOffset()).isEqualTo(1200);
        assertThat(loaded.orElseThrow().checkedOffset()).isEqualTo(4096);

        clock.advance(Duration.ofSeconds(5));
        QueueLogPositions.Saved rotated = new QueueLogPositions.Saved("switchboard@pbx-a:5038", Path.of("/var/log/asterisk/queue_log"),
                new FilePosition("(dev=803,ino=5678)", null, 0), 38, null, null);
        positions.save(rotated).await();
        assertThat(positions.load("switchboard@pbx-a:5038").await().orElseThrow())
                .isEqualTo(new QueueLogPositions.Saved("switchboard@pbx-a:5038", Path.of("/var/log/asterisk/queue_log"),
                        new FilePosition("(dev=803,ino=5678)", null, 0), 38, null, Instant.parse("2026-11-30T08:00:05Z")));
        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM queue_log_readers WHERE server = 'switchboard@pbx-a:5038'")).isEqualTo(1);
    }

    @Test
    void each_server_has_its_own_position_and_one_can_be_forgotten() {
        QueueLogPositions positions = new QueueLogPositions(pool, new MovableClock(Instant.parse("2026-11-30T09:00:00Z")));
        positions.save(saved("a@one:5038", 10)).await();
        positions.save(saved("a@two:5038", 20)).await();

        positions.forget("a@one:5038").await();

        assertThat(positions.load("a@one:5038").await()).isEmpty();
        assertThat(positions.load("a@two:5038").await().orElseThrow().resumeOffset()).isEqualTo(20);
    }

    @Test
    void lines_cannot_be_checked_before_the_place_reading_resumes_from() {
        assertThatThrownBy(() -> new QueueLogPositions.Saved("a@one:5038", Path.of("/q"), new FilePosition("k", null, 100), 99, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static QueueLogPositions.Saved saved(String server, long offset) {
        return new QueueLogPositions.Saved(server, Path.of("/var/log/asterisk/queue_log"), new FilePosition("k", null, offset),
                offset, Instant.parse("2026-11-30T08:59:00Z"), null);
    }
}
