package dev.switchboard.telephony.queuelog;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Cuts a byte stream into whole lines and parses each one. A last line without its newline is kept
 * back until the newline arrives (Asterisk may be half-way through writing it). A line that grows
 * past {@link QueueLogParser#MAX_LINE_BYTES} without a newline is dropped as it is read and reported
 * once, as malformed, when its newline comes, so memory stays bounded whatever the file holds.
 */
final class LineReader {

    private final InputStream in;
    private final byte[] buffer = new byte[2 * QueueLogParser.MAX_LINE_BYTES + 1];
    private int start;
    private int end;
    /** File offset of buffer[start]: the end of the last whole line read. */
    private long offset;
    private long overlongFrom = -1;
    private String overlongStart = "";

    LineReader(InputStream in, long offset) {
        this.in = in;
        this.offset = offset;
    }

    /**
     * Adds whole lines to {@code out} until it holds {@code maxLines}; true when the stream had no
     * more bytes for now (its end, or the end of what the file holds so far).
     */
    boolean read(List<QueueLogParser.Result> out, int maxLines) throws IOException {
        while (out.size() < maxLines) {
            int newline = indexOfNewline();
            if (newline >= 0) {
                int length = newline - start;
                if (overlongFrom >= 0) {
                    out.add(new QueueLogParser.Malformed(overlongFrom, offset + length + 1,
                            "longer than " + QueueLogParser.MAX_LINE_BYTES + " bytes", overlongStart));
                    overlongFrom = -1;
                } else {
                    out.add(QueueLogParser.parse(buffer, start, length, offset));
                }
                offset += length + 1;
                start = newline + 1;
                continue;
            }
            if (end - start > QueueLogParser.MAX_LINE_BYTES) {
                if (overlongFrom < 0) {
                    overlongFrom = offset;
                    overlongStart = new String(buffer, start, 120, java.nio.charset.StandardCharsets.UTF_8);
                }
                offset += end - start;
                start = end;
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n <= 0) {
                return true;
            }
            end += n;
        }
        return false;
    }

    private int indexOfNewline() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The end of the last whole line read (a line being dropped for its length counts as read). */
    long offset() {
        return offset;
    }

    /** Every byte taken from the stream so far, whole lines or not. */
    long readThrough() {
        return offset + (end - start);
    }

    /** A last line that will never get its newline (the file is finished), as malformed; null if there is none. */
    QueueLogParser.Malformed unfinished(String file) {
        if (end == start && overlongFrom < 0) {
            return null;
        }
        long from = overlongFrom >= 0 ? overlongFrom : offset;
        QueueLogParser.Malformed malformed = new QueueLogParser.Malformed(from, readThrough(),
                "the last line of " + file + " has no newline", new String(buffer, start, Math.min(end - start, 120),
                java.nio.charset.StandardCharsets.UTF_8));
        offset = readThrough();
        start = end;
        overlongFrom = -1;
        return malformed;
    }

    void close() throws IOException {
        in.close();
    }
}
