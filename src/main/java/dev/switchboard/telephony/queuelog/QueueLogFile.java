package dev.switchboard.telephony.queuelog;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Follows one queue_log file by polling: each {@link #readMore} reads the whole lines written since
 * the last one. Polling, not file-system events, because Asterisk writes the file from another
 * container, whose writes inotify does not see.
 * <ul>
 *   <li><b>Rotated while followed</b> (Asterisk renames the file and opens a new one): the old file,
 *   still open, is read to its end first, then the new one from its start.</li>
 *   <li><b>Rotated while stopped</b> (a different file at the path on start): the file last read is
 *   looked for beside it ({@code queue_log.*}) by its file key, or by the hash of its first line
 *   (a compressed {@code .gz}, or a copy); its rest is read, then any file rotated after it, then the
 *   new file from its start.</li>
 *   <li><b>Truncated</b> ({@code copytruncate}) or <b>recreated</b> on the same inode: a copy is looked
 *   for in the same way; the new content is read from its start, and bytes that could not be read
 *   are reported as lost.</li>
 *   <li><b>Missing or unreadable</b>: a {@link Status}, never an exception; the next poll tries again.</li>
 * </ul>
 * Not thread-safe and blocking: one caller, on a worker thread.
 */
public final class QueueLogFile implements AutoCloseable {

    /** What the file is like now. */
    public enum State {
        FOLLOWING, MISSING, UNREADABLE
    }

    public record Status(State state, String reason) {
        static final Status FOLLOWING = new Status(State.FOLLOWING, null);
    }

    /** Something that happened to the file, reported once. */
    public sealed interface Event permits Rotated, Truncated, Recovered, Lost {
    }

    /** The file read before was rotated away (read to its end first); reading goes on with the new file at the path from its start. */
    public record Rotated() implements Event {
    }

    /**
     * The file at the path was cut short or written again from its start on the same inode; it is
     * read again from its start. {@code sizeWas}: how long it had been, -1 when not known (found on start).
     */
    public record Truncated(long sizeWas) implements Event {
    }

    /** The rest of a file read before was found at {@code file} and read from {@code offset}. */
    public record Recovered(String file, long offset) implements Event {
    }

    /** Lines that could not be read: at least {@code bytes} (0 when how many is not known). */
    public record Lost(long bytes, String reason) implements Event {
    }

    /**
     * One poll's lines in file order (from older files first), what happened, the state now, where
     * to resume, how far the file at the path goes ({@code size}, -1 when it is not there), and the
     * files read to their ends in this poll ({@code finished}, in order).
     */
    public record Batch(List<QueueLogParser.Result> lines, List<Event> events, Status status,
                        FilePosition position, long size, List<Finished> finished) {
    }

    /**
     * A file no longer at the path, read to its end ({@code file}: which one, and its end): the first
     * {@code lines} lines of the batch were its last, or an older file's. A restart can still read it
     * from a position in it while it lies beside the path.
     */
    public record Finished(int lines, FilePosition file) {
    }

    private final Path path;
    private final Deque<Segment> backlog = new ArrayDeque<>();
    private Segment current;
    /** Where to start when the file at the path is opened next; null: from its start. */
    private FilePosition expected;
    /** The file last followed was read to its end and is no longer at the path. */
    private boolean previousFinished;
    private long lastSize = -1;
    /** The files read to their ends in the current {@link #readMore}. */
    private List<Finished> finished = new ArrayList<>();

    /** Follows {@code path} from its start. */
    public QueueLogFile(Path path) {
        this(path, null);
    }

    /** Follows {@code path} from where a previous reader stopped ({@code null}: from the start). */
    public QueueLogFile(Path path, FilePosition resumeFrom) {
        this.path = path.toAbsolutePath();
        this.expected = resumeFrom;
    }

    public Path path() {
        return path;
    }

    /** Reads at most {@code maxLines} more lines. Blocks on file I/O. */
    public Batch readMore(int maxLines) {
        List<QueueLogParser.Result> lines = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        finished = new ArrayList<>();
        Status status = Status.FOLLOWING;
        try {
            status = follow(lines, events, maxLines);
        } catch (AccessDeniedException e) {
            status = new Status(State.UNREADABLE, "permission denied");
        } catch (IOException | RuntimeException e) {
            status = new Status(State.UNREADABLE, String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return new Batch(lines, events, status, position(), status.state() == State.MISSING ? -1 : lastSize,
                List.copyOf(finished));
    }

    private Status follow(List<QueueLogParser.Result> lines, List<Event> events, int maxLines) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (!finishBacklog(lines, maxLines)) {
                return Status.FOLLOWING;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                if (current != null) {
                    retire(current);
                    if (!finishBacklog(lines, maxLines)) {
                        return Status.FOLLOWING;
                    }
                }
                lastSize = -1;
                return new Status(State.MISSING, "no such file");
            }
            if (!attributes.isRegularFile()) {
                return new Status(State.UNREADABLE, attributes.isDirectory() ? "a directory" : "not a regular file");
            }
            String key = keyOf(attributes);
            lastSize = attributes.size();
            if (current == null) {
                open(key, attributes.size(), events);
                continue;
            }
            if (!key.equals(current.key)) {
                retire(current);
                continue;
            }
            byte[] firstLine = firstLineSha256(current.channel);
            if (attributes.size() < current.reader.readThrough()
                    || (current.firstLineSha256 != null && !Arrays.equals(current.firstLineSha256, firstLine))) {
                truncated(current, attributes.size(), events);
                continue;
            }
            if (current.firstLineSha256 == null) {
                current.firstLineSha256 = firstLine;
            }
            current.sizeSeen = Math.max(current.sizeSeen, attributes.size());
            current.reader.read(lines, maxLines);
            if (current.firstLineSha256 == null) {
                current.firstLineSha256 = firstLineSha256(current.channel);
            }
            return Status.FOLLOWING;
        }
        return Status.FOLLOWING;
    }

    /** The followed file is no longer at the path: it is read to its end, then the next file at the path from its start. */
    private void retire(Segment followed) {
        backlog.add(followed);
        current = null;
        expected = followed.position();
        previousFinished = true;
    }

    /** Reads older files to their ends; false when maxLines came first. */
    private boolean finishBacklog(List<QueueLogParser.Result> lines, int maxLines) throws IOException {
        while (!backlog.isEmpty()) {
            Segment older = backlog.peek();
            if (!older.reader.read(lines, maxLines)) {
                return false;
            }
            QueueLogParser.Malformed unfinished = older.reader.unfinished(older.name);
            if (unfinished != null) {
                lines.add(unfinished);
            }
            finished.add(new Finished(lines.size(), older.position()));
            older.close();
            backlog.remove();
            if (current == null && backlog.isEmpty() && previousFinished) {
                expected = older.position();
            }
        }
        return true;
    }

    /** Opens the file at the path, deciding where to start from what was read before. */
    private void open(String key, long size, List<Event> events) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        byte[] firstLine;
        try {
            firstLine = firstLineSha256(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        long start = 0;
        FilePosition was = expected;
        if (was != null && previousFinished) {
            events.add(new Rotated());
        } else if (was != null && key.equals(was.fileKey()) && size >= was.offset()
                && (was.firstLineSha256() == null || was.offset() == 0 || was.sameFirstLine(firstLine))) {
            start = was.offset();
        } else if (was != null && key.equals(was.fileKey())) {
            events.add(new Truncated(-1));
            if (findRest(was, key, events) == null) {
                events.add(new Lost(0, "the file was cut short while it was not followed, and no copy is beside it"));
            }
        } else if (was != null && (was.offset() > 0 || was.firstLineSha256() != null)) {
            // a file with lines, even if none of them was done with (a leg still open on its first line)
            if (findRest(was, key, events) == null) {
                events.add(new Lost(0, "the file read before was rotated away and is not beside it"));
            }
            events.add(new Rotated());
        }
        expected = null;
        previousFinished = false;
        current = new Segment(path.getFileName().toString(), key, firstLine, channel, start);
    }

    private void truncated(Segment followed, long sizeNow, List<Event> events) throws IOException {
        FilePosition was = followed.position();
        long sizeWas = Math.max(followed.sizeSeen, followed.reader.readThrough());
        events.add(new Truncated(sizeWas));
        followed.close();
        current = null;
        expected = null;
        previousFinished = false;
        if (findRest(was, followed.key, events) == null
                && sizeWas > was.offset()) {
            events.add(new Lost(sizeWas - was.offset(), "the file was cut short before it was read to its end"));
        }
    }

    /**
     * Looks beside the path for the file read before (by key, else by first-line hash; a key alone is
     * not enough, as a deleted file's inode may be given to a new one) and queues its
     * rest, then the files rotated after it; null if it is not there.
     */
    private Path findRest(FilePosition was, String liveKey, List<Event> events) throws IOException {
        List<Sibling> siblings = siblings(liveKey);
        Sibling found = siblings.stream().filter(s -> s.key.equals(was.fileKey()) && !s.gzip
                        && (was.firstLineSha256() == null || was.sameFirstLine(s.firstLineSha256))).findFirst()
                .orElseGet(() -> siblings.stream().filter(s -> was.sameFirstLine(s.firstLineSha256)).findFirst().orElse(null));
        if (found == null) {
            return null;
        }
        backlog.add(Segment.of(found, was.offset()));
        events.add(new Recovered(found.path.getFileName().toString(), was.offset()));
        siblings.stream()
                .filter(s -> s != found && s.firstLineSha256 != null && !Arrays.equals(s.firstLineSha256, found.firstLineSha256)
                        && s.firstLineTime > found.firstLineTime)
                .sorted(Comparator.comparingLong((Sibling s) -> s.firstLineTime).thenComparing(s -> s.modified))
                .forEach(s -> {
                    try {
                        backlog.add(Segment.of(s, 0));
                    } catch (IOException e) {
                        events.add(new Lost(0, "cannot read " + s.path.getFileName() + ": " + e.getMessage()));
                    }
                });
        return found.path;
    }

    /** The files rotated from the path ({@code queue_log.*}), other than the one at the path itself. */
    private List<Sibling> siblings(String liveKey) throws IOException {
        List<Sibling> found = new ArrayList<>();
        String prefix = path.getFileName().toString() + ".";
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path.getParent(), prefix + "*")) {
            for (Path candidate : dir) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(candidate, BasicFileAttributes.class);
                    String key = keyOf(attributes);
                    if (!attributes.isRegularFile() || key.equals(liveKey)) {
                        continue;
                    }
                    boolean gzip = candidate.getFileName().toString().endsWith(".gz");
                    byte[] line;
                    try (InputStream in = open(candidate, gzip)) {
                        line = firstLine(in);
                    }
                    found.add(new Sibling(candidate, key, gzip, line == null ? null : sha256(line),
                            line == null ? Long.MIN_VALUE : firstLineTime(line), attributes.lastModifiedTime().toMillis()));
                } catch (IOException e) {
                    // unreadable or not gzip after all: not a file this reader can use
                }
            }
        }
        return found;
    }

    private record Sibling(Path path, String key, boolean gzip, byte[] firstLineSha256, long firstLineTime, long modified) {
    }

    private static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            return gzip ? new GZIPInputStream(in) : in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** Where a restart should resume: in the oldest file not yet read to its end. */
    public FilePosition position() {
        if (!backlog.isEmpty()) {
            return backlog.peek().position();
        }
        return current != null ? current.position() : expected;
    }

    @Override
    public void close() {
        for (Segment segment : backlog) {
            segment.close();
        }
        backlog.clear();
        if (current != null) {
            expected = current.position();
            current.close();
            current = null;
        }
    }

    /** One file being read, and where. */
    private static final class Segment {
        final String name;
        final String key;
        byte[] firstLineSha256;
        final FileChannel channel;
        final LineReader reader;
        long sizeSeen;

        private Segment(String name, String key, byte[] firstLineSha256, FileChannel channel, InputStream in, long offset) {
            this.name = name;
            this.key = key;
            this.firstLineSha256 = firstLineSha256;
            this.channel = channel;
            this.reader = new LineReader(in, offset);
        }

        Segment(String name, String key, byte[] firstLineSha256, FileChannel channel, long offset) throws IOException {
            this(name, key, firstLineSha256, channel, Channels.newInputStream(channel.position(offset)), offset);
        }

        static Segment of(Sibling sibling, long offset) throws IOException {
            String name = sibling.path.getFileName().toString();
            if (!sibling.gzip) {
                FileChannel channel = FileChannel.open(sibling.path, StandardOpenOption.READ);
                return new Segment(name, sibling.key, sibling.firstLineSha256, channel,
                        Math.min(offset, channel.size()));
            }
            InputStream in = open(sibling.path, true);
            long skipped = skip(in, offset);
            return new Segment(name, sibling.key, sibling.firstLineSha256, null, in, skipped);
        }

        /** Skips up to {@code count} bytes of a compressed stream; how many there were. */
        private static long skip(InputStream in, long count) throws IOException {
            long skipped = 0;
            byte[] discard = new byte[8192];
            while (skipped < count) {
                int n = in.read(discard, 0, (int) Math.min(discard.length, count - skipped));
                if (n < 0) {
                    break;
                }
                skipped += n;
            }
            return skipped;
        }

        FilePosition position() {
            return new FilePosition(key, firstLineSha256, reader.offset());
        }

        void close() {
            try {
                reader.close();
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // closing a file only read: nothing to lose
            }
        }
    }

    static String keyOf(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return key == null ? "none" : key.toString();
    }

    /** SHA-256 of the first line (without its newline) read through the channel; null if it has no whole line yet. */
    private static byte[] firstLineSha256(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(QueueLogParser.MAX_LINE_BYTES + 1, 4096));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long position = 0;
        while (line.size() <= QueueLogParser.MAX_LINE_BYTES) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) == '\n') {
                    line.write(buffer.array(), 0, i);
                    return sha256(line.toByteArray());
                }
            }
            line.write(buffer.array(), 0, n);
            position += n;
        }
        return null;
    }

    private static byte[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() > QueueLogParser.MAX_LINE_BYTES) {
                return null;
            }
            line.write(b);
        }
        return null;
    }

    private static long firstLineTime(byte[] line) {
        int bar = 0;
        while (bar < line.length && line[bar] != '|') {
            bar++;
        }
        try {
            return Long.parseLong(new String(line, 0, bar, java.nio.charset.StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
