package dev.switchboard.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The database keeps times as UTC {@code DATETIME}s; the API speaks ISO instants. These convert
 * between the two, null staying null.
 */
public final class UtcTimes {

    private UtcTimes() {
    }

    /** An instant as the UTC {@code DATETIME} column value. */
    public static LocalDateTime column(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A UTC {@code DATETIME} column value as an instant. */
    public static Instant instant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** A UTC {@code DATETIME} column value as ISO text, e.g. {@code 2026-11-22T08:00:00Z}. */
    public static String text(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC).toString();
    }
}
