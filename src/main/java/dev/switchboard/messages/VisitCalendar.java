package dev.switchboard.messages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The iCalendar (RFC 5545) text of a visit: one event, times in UTC, lines ending CRLF. */
final class VisitCalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private VisitCalendar() {
    }

    static String of(long visitId, Instant start, Instant end, Instant stamp, String summary, String location,
                     boolean cancelled) {
        return String.join("\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Switchboard//Visits//EN",
                "METHOD:" + (cancelled ? "CANCEL" : "PUBLISH"),
                "BEGIN:VEVENT",
                "UID:visit-" + visitId + "@switchboard",
                "DTSTAMP:" + UTC.format(stamp),
                "DTSTART:" + UTC.format(start),
                "DTEND:" + UTC.format(end),
                "SUMMARY:" + escape(summary),
                "LOCATION:" + escape(location),
                "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"),
                "END:VEVENT",
                "END:VCALENDAR", "");
    }

    /** RFC 5545 TEXT: backslash, semicolon, comma and newline are escaped. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
    }
}
