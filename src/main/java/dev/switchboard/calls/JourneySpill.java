package dev.switchboard.calls;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Journeys the database could not take, kept on disk until it can: one file per spill, a journey
 * per line, written whole (to a temporary name, synced, then renamed) so a crash leaves either a
 * complete file or none. Files are named so that their order is the order they were written in.
 * Blocking: call from worker threads.
 */
public final class JourneySpill {

    private static final Logger log = LoggerFactory.getLogger(JourneySpill.class);
    private static final String PREFIX = "journeys-";
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final AtomicLong sequence = new AtomicLong();

    public JourneySpill(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes these journeys to a new file. */
    public void write(List<JourneyRecord> records) throws IOException {
        Files.createDirectories(dir);
        String name = String.format("%s%020d-%09d", PREFIX, System.currentTimeMillis(), sequence.incrementAndGet());
        Path partial = dir.resolve(name + ".partial");
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             BufferedWriter out = new BufferedWriter(new java.io.OutputStreamWriter(
                     java.nio.channels.Channels.newOutputStream(channel), StandardCharsets.UTF_8))) {
            for (JourneyRecord record : records) {
                out.write(JourneyJson.toJson(record).encode());
                out.write('\n');
            }
            out.flush();
            channel.force(true);
        }
        Files.move(partial, dir.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Keeps a journey the database refused, in a file that is never stored from automatically. */
    public void writeRefused(JourneyRecord record) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("refused.jsonl"), JourneyJson.toJson(record).encode() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The complete files, oldest first; half-written ones from a crash are removed. */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : entries.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".partial")) {
                    log.warn("Removing {}: a spill that was being written when the service stopped", file);
                    Files.delete(file);
                } else if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** The journeys in one file; an unreadable line fails the whole file (it is kept, never lost). */
    public List<JourneyRecord> read(Path file) throws IOException {
        List<JourneyRecord> records = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (!line.isBlank()) {
                try {
                    records.add(JourneyJson.fromJson(new JsonObject(line)));
                } catch (RuntimeException e) {
                    throw new IOException(file + " line " + lineNo + " is not a journey: " + e.getMessage(), e);
                }
            }
        }
        return records;
    }

    /** Sets an unreadable file aside under a name that is not read again. */
    public void setAside(Path file) throws IOException {
        Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable"), StandardCopyOption.ATOMIC_MOVE);
    }

    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
