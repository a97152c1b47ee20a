package dev.switchboard.telephony.queuelog;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where a reader is in one queue_log file, and which file that is: its file key ({@code (dev=…,ino=…)}
 * on Linux, kept by a rename) and the SHA-256 of its first line (kept by compression, and telling a
 * file truncated and written again from the one that was read). {@code offset} is the end of the
 * last whole line read. Either identity may be null when unknown.
 */
public record FilePosition(String fileKey, byte[] firstLineSha256, long offset) {

    public FilePosition {
        firstLineSha256 = firstLineSha256 == null ? null : firstLineSha256.clone();
        if (offset < 0) {
            throw new IllegalArgumentException("a file offset cannot be negative");
        }
    }

    @Override
    public byte[] firstLineSha256() {
        return firstLineSha256 == null ? null : firstLineSha256.clone();
    }

    boolean sameFirstLine(byte[] sha256) {
        return firstLineSha256 != null && sha256 != null && Arrays.equals(firstLineSha256, sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FilePosition p && java.util.Objects.equals(fileKey, p.fileKey)
                && Arrays.equals(firstLineSha256, p.firstLineSha256) && offset == p.offset;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(fileKey, Arrays.hashCode(firstLineSha256), offset);
    }

    @Override
    public String toString() {
        return "FilePosition[" + fileKey + ", "
                + (firstLineSha256 == null ? "no first line" : HexFormat.of().formatHex(firstLineSha256, 0, 6)) + ", " + offset + "]";
    }
}
