package dev.switchboard.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
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
 * A directory of files waiting for the database: each file is written whole (to a temporary name,
 * synced, then renamed), so a crash leaves either a complete file or none, and files are named so
 * that their order is the order they were written in. Lines are the unit of content. Blocking:
 * call from worker threads.
 */
public final class SpoolDirectory {

    private static final Logger log = LoggerFactory.getLogger(SpoolDirectory.class);
    private static final String PARTIAL = ".partial";

    private final Path dir;
    private final String prefix;
    private final String suffix;
    private final AtomicLong sequence = new AtomicLong();

    /** Files named {@code prefix<time>-<sequence>suffix} in {@code dir}. */
    public SpoolDirectory(Path dir, String prefix, String suffix) {
        this.dir = dir;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    public Path dir() {
        return dir;
    }

    /** Writes these lines to a new file, durably; the file's path. */
    public Path write(List<String> lines) throws IOException {
        Files.createDirectories(dir);
        String name = String.format("%s%020d-%09d", prefix, System.currentTimeMillis(), sequence.incrementAndGet());
        Path partial = dir.resolve(name + PARTIAL);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                     StandardCharsets.UTF_8))) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
            out.flush();
            channel.force(true);
        }
        Path complete = dir.resolve(name + suffix);
        Files.move(partial, complete, StandardCopyOption.ATOMIC_MOVE);
        return complete;
    }

    /** Appends a line to a side file that is never read back automatically (what the database refused). */
    public void appendTo(String fileName, String line) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(fileName), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
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
                if (name.startsWith(prefix) && name.endsWith(PARTIAL)) {
                    log.warn("Removing {}: a file that was being written when the service stopped", file);
                    Files.delete(file);
                } else if (name.startsWith(prefix) && name.endsWith(suffix)) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** The non-blank lines of one file. */
    public List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }

    /** Sets an unreadable file aside under a name that is not read again (it is kept, never lost). */
    public void setAside(Path file) throws IOException {
        Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable"), StandardCopyOption.ATOMIC_MOVE);
    }

    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
