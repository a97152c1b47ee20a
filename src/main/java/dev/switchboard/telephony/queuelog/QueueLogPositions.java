package dev.switchboard.telephony.queuelog;

import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each server's queue_log reader is, in {@code queue_log_readers}, so that a restart reads on
 * from there. Takes a {@link SqlClient}, so a caller may save the position in the transaction that
 * stores what the lines said.
 */
public final class QueueLogPositions {

    /**
     * A reader's saved position. {@code file} identifies the file and {@code file.offset()} is the
     * {@code resume_offset} (the first line of the oldest call still open, read again after a
     * restart); every line before {@code checkedOffset} was dealt with already.
     */
    public record Saved(String server, Path path, FilePosition file, long checkedOffset, Instant lastLineAt,
                        Instant updatedAt) {

        public Saved {
            if (checkedOffset < file.offset()) {
                throw new IllegalArgumentException("lines before the resume offset " + file.offset()
                        + " cannot be unchecked when those up to " + checkedOffset + " are checked");
            }
        }

        public long resumeOffset() {
            return file.offset();
        }
    }

    private final SqlClient client;
    private final Clock clock;

    public QueueLogPositions(SqlClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The server's saved position; empty when its queue_log was never read. */
    public Future<Optional<Saved>> load(String server) {
        return SqlTemplate.forQuery(client, QueueLogPositionsSql.LOAD).execute(Map.of("server", server))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(saved(rows.iterator().next())));
    }

    /** Saves the position (its {@code updatedAt} is ignored: now is stored); the row as stored. */
    public Future<Saved> save(Saved position) {
        Instant now = clock.instant();
        Map<String, Object> params = new HashMap<>();
        params.put("server", position.server());
        params.put("path", position.path().toString());
        params.put("fileKey", position.file().fileKey());
        params.put("firstLineSha256", position.file().firstLineSha256());
        params.put("resumeOffset", position.resumeOffset());
        params.put("checkedOffset", position.checkedOffset());
        params.put("lastLineAt", UtcTimes.column(position.lastLineAt()));
        params.put("updatedAt", UtcTimes.column(now));
        return SqlTemplate.forUpdate(client, QueueLogPositionsSql.SAVE).execute(params)
                .map(v -> new Saved(position.server(), position.path(), position.file(), position.checkedOffset(),
                        position.lastLineAt(), now));
    }

    /** Forgets the server's position: its queue_log is read from the start next time. */
    public Future<Void> forget(String server) {
        return SqlTemplate.forUpdate(client, QueueLogPositionsSql.FORGET).execute(Map.of("server", server)).mapEmpty();
    }

    private static Saved saved(Row row) {
        Object hash = row.getValue("first_line_sha256");
        FilePosition file = new FilePosition(row.getString("file_key"),
                hash instanceof Buffer buffer ? buffer.getBytes() : (byte[]) hash,
                row.getLong("resume_offset"));
        return new Saved(row.getString("server"), Path.of(row.getString("path")), file, row.getLong("checked_offset"),
                UtcTimes.instant(row.getLocalDateTime("last_line_at")), UtcTimes.instant(row.getLocalDateTime("updated_at")));
    }
}
