package dev.switchboard.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Free visit slots, computed from facts alone: each engineer's working hours (local times per
 * weekday, in the call centre's zone), absences and booked visits. A slot lies inside working
 * hours, touches no absence, and keeps the travel buffer clear before and after every other
 * visit. Slots start on a 30-minute grid; earliest first.
 */
public final class SlotFinder {

    static final Duration GRID = Duration.ofMinutes(30);

    /** An engineer who may do the job (skill and region already checked). */
    public record Engineer(long id, String name) {
    }

    /** One working-hours span: ISO weekday (1 = Monday) and local start/end. */
    public record WorkingHours(int weekday, LocalTime start, LocalTime end) {
    }

    /** A time the engineer is not free: an absence, or a visit (the buffer is added here). */
    public record Busy(Instant start, Instant end) {
    }

    private final ZoneId zone;
    private final Duration visitLength;
    private final Duration travelBuffer;

    public SlotFinder(ZoneId zone, Duration visitLength, Duration travelBuffer) {
        this.zone = zone;
        this.visitLength = visitLength;
        this.travelBuffer = travelBuffer;
    }

    /** The call centre's zone: working hours and days are read in it. */
    public ZoneId zone() {
        return zone;
    }

    public Duration visitLength() {
        return visitLength;
    }

    /**
     * Up to {@code limit} free slots starting in [from, to), earliest first.
     *
     * @param visits booked visits by engineer; absences by engineer are passed separately
     */
    public List<Slot> free(List<Engineer> engineers, Map<Long, List<WorkingHours>> hours,
                           Map<Long, List<Busy>> absences, Map<Long, List<Busy>> visits,
                           Instant from, Instant to, int limit) {
        List<Slot> slots = new ArrayList<>();
        for (Engineer engineer : engineers) {
            for (LocalDate day = from.atZone(zone).toLocalDate(); !day.atStartOfDay(zone).toInstant().isAfter(to);
                 day = day.plusDays(1)) {
                for (WorkingHours span : hours.getOrDefault(engineer.id(), List.of())) {
                    if (span.weekday() != day.getDayOfWeek().getValue()) {
                        continue;
                    }
                    Instant open = day.atTime(span.start()).atZone(zone).toInstant();
                    Instant close = day.atTime(span.end()).atZone(zone).toInstant();
                    for (Instant start = open; !start.plus(visitLength).isAfter(close); start = start.plus(GRID)) {
                        Instant end = start.plus(visitLength);
                        if (!start.isBefore(from) && start.isBefore(to)
                                && isClear(engineer.id(), start, end, absences, visits)) {
                            slots.add(new Slot(engineer.id(), engineer.name(), start, end));
                        }
                    }
                }
            }
        }
        slots.sort(Comparator.comparing(Slot::start).thenComparing(Slot::engineerId));
        return List.copyOf(slots.subList(0, Math.min(limit, slots.size())));
    }

    /** True if [start, end) is within the engineer's working hours and clear of everything else. */
    public boolean isFree(long engineerId, Instant start, Instant end, List<WorkingHours> hours,
                          Map<Long, List<Busy>> absences, Map<Long, List<Busy>> visits) {
        LocalDate day = start.atZone(zone).toLocalDate();
        DayOfWeek weekday = day.getDayOfWeek();
        boolean inHours = hours.stream().anyMatch(span -> span.weekday() == weekday.getValue()
                && !start.isBefore(day.atTime(span.start()).atZone(zone).toInstant())
                && !end.isAfter(day.atTime(span.end()).atZone(zone).toInstant()));
        return inHours && isClear(engineerId, start, end, absences, visits);
    }

    private boolean isClear(long engineerId, Instant start, Instant end, Map<Long, List<Busy>> absences,
                            Map<Long, List<Busy>> visits) {
        for (Busy absence : absences.getOrDefault(engineerId, List.of())) {
            if (start.isBefore(absence.end()) && absence.start().isBefore(end)) {
                return false;
            }
        }
        for (Busy visit : visits.getOrDefault(engineerId, List.of())) {
            if (start.isBefore(visit.end().plus(travelBuffer)) && visit.start().minus(travelBuffer).isBefore(end)) {
                return false;
            }
        }
        return true;
    }
}
