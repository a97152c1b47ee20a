package dev.switchboard.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A queue_log file written the way Asterisk's logger writes it: opened for appending, each line
 * written through at once (a reader sees it at once), {@link #rotate()} as logger.conf's
 * {@code rotatestrategy = rotate} does it, and {@link #truncate()} as a copytruncate would.
 */
public final class QueueLogFileWriter implements QueueLogSink, AutoCloseable {

    private final Path file;
    private FileChannel channel;

    /** Opens {@code file} for appending; creates it (not its directory) if it is not there. */
    public QueueLogFileWriter(Path file) throws IOException {
        this.file = file;
        this.channel = open(file);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the queue_log " + file, e);
        }
    }

    /**
     * Asterisk's {@code logger rotate} with the {@code rotate} strategy: the older files move up
     * one ({@code .0} to {@code .1} …), the file becomes {@code .0}, and a new, empty file is opened
     * under the same name. A reader that holds the old file open still reads it to its end.
     */
    public synchronized void rotate() throws IOException {
        channel.close();
        int highest = 0;
        while (Files.exists(numbered(highest))) {
            highest++;
        }
        for (int n = highest; n > 0; n--) {
            Files.move(numbered(n - 1), numbered(n));
        }
        Files.move(file, numbered(0), StandardCopyOption.ATOMIC_MOVE);
        channel = open(file);
    }

    /** Empties the file in place (same file, same inode); the next line is written at its start. */
    public synchronized void truncate() throws IOException {
        channel.truncate(0);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** The file's rotated copy number {@code n}: {@code queue_log.0} is the newest. */
    public Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
