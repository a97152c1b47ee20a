package dev.switchboard.calls;

import dev.switchboard.store.SpoolDirectory;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Journeys the database could not take, kept on disk until it can: one file per spill, a journey
 * per line (see {@link SpoolDirectory} for how files are written whole and kept in order).
 * Blocking: call from worker threads.
 */
public final class JourneySpill {

    private final SpoolDirectory spool;

    public JourneySpill(Path dir) {
        this.spool = new SpoolDirectory(dir, "journeys-", ".jsonl");
    }

    public Path dir() {
        return spool.dir();
    }

    /** Writes these journeys to a new file. */
    public void write(List<JourneyRecord> records) throws IOException {
        spool.write(records.stream().map(record -> JourneyJson.toJson(record).encode()).toList());
    }

    /** Keeps a journey the database refused, in a file that is never stored from automatically. */
    public void writeRefused(JourneyRecord record) throws IOException {
        spool.appendTo("refused.jsonl", JourneyJson.toJson(record).encode());
    }

    /** The complete files, oldest first; half-written ones from a crash are removed. */
    public List<Path> files() throws IOException {
        return spool.files();
    }

    /** The journeys in one file; an unreadable line fails the whole file (it is kept, never lost). */
    public List<JourneyRecord> read(Path file) throws IOException {
        List<JourneyRecord> records = new ArrayList<>();
        int lineNo = 0;
        for (String line : spool.lines(file)) {
            lineNo++;
            try {
                records.add(JourneyJson.fromJson(new JsonObject(line)));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + lineNo + " is not a journey: " + e.getMessage(), e);
            }
        }
        return records;
    }

    /** Sets an unreadable file aside under a name that is not read again. */
    public void setAside(Path file) throws IOException {
        spool.setAside(file);
    }

    public void delete(Path file) throws IOException {
        spool.delete(file);
    }
}
