package dev.switchboard.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The arithmetic of an engineer's day: the time they work (their working hours that day, less
 * absences) and how much of it is still free once each visit and the travel buffer either side
 * of it are taken out. Overlapping buffers count once; a visit outside working hours takes
 * nothing from them.
 */
final class FreeTime {

    /** A stretch of time [start, end). */
    record Span(Instant start, Instant end) {

        long minutes() {
            return Duration.between(start, end).toMinutes();
        }
    }

    private FreeTime() {
    }

    /** The working hours of {@code date} (local times in {@code zone}) less the absences. */
    static List<Span> working(LocalDate date, ZoneId zone, List<LocalTime[]> hours, List<Span> absences) {
        List<Span> spans = new ArrayList<>();
        for (LocalTime[] h : hours) {
            spans.add(new Span(date.atTime(h[0]).atZone(zone).toInstant(), date.atTime(h[1]).atZone(zone).toInstant()));
        }
        spans.sort(Comparator.comparing(Span::start));
        return without(spans, absences);
    }

    /** Minutes of the working spans that no visit, with its travel buffer before and after, takes up. */
    static long freeMinutes(List<Span> working, List<Span> visits, Duration travelBuffer) {
        List<Span> taken = visits.stream()
                .map(v -> new Span(v.start().minus(travelBuffer), v.end().plus(travelBuffer))).toList();
        return minutes(without(working, taken));
    }

    static long minutes(List<Span> spans) {
        return spans.stream().mapToLong(Span::minutes).sum();
    }

    /** The parts of {@code spans} that none of {@code cuts} covers. */
    static List<Span> without(List<Span> spans, List<Span> cuts) {
        List<Span> left = new ArrayList<>(spans);
        for (Span cut : cuts) {
            List<Span> next = new ArrayList<>();
            for (Span span : left) {
                if (!cut.start().isBefore(span.end()) || !span.start().isBefore(cut.end())) {
                    next.add(span);
                    continue;
                }
                if (span.start().isBefore(cut.start())) {
                    next.add(new Span(span.start(), cut.start()));
                }
                if (cut.end().isBefore(span.end())) {
                    next.add(new Span(cut.end(), span.end()));
                }
            }
            left = next;
        }
        return left;
    }
}
