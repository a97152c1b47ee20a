package dev.switchboard.scheduling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An engineer's free time: working hours less absences, less each visit and its travel buffer. */
class FreeTimeTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Duration BUFFER = Duration.ofMinutes(30);

    private static Instant at(String time) {
        return DAY.atTime(LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    private static FreeTime.Span span(String from, String to) {
        return new FreeTime.Span(at(from), at(to));
    }

    private static List<FreeTime.Span> nineToFive() {
        return FreeTime.working(DAY, LONDON, List.<LocalTime[]>of(new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(17, 0)}),
                List.of());
    }

    @Test
    void the_travel_time_between_two_close_visits_is_taken_once() {
        long free = FreeTime.freeMinutes(nineToFive(), List.of(span("10:00", "12:00"), span("12:30", "14:30")), BUFFER);

        assertThat(free).as("480 less 09:30-15:00").isEqualTo(480 - 330);
    }

    @Test
    void a_visit_at_the_edge_of_the_day_or_outside_it_only_takes_what_lies_within_working_hours() {
        assertThat(FreeTime.freeMinutes(nineToFive(), List.of(span("09:00", "11:00")), BUFFER)).isEqualTo(480 - 150);
        assertThat(FreeTime.freeMinutes(nineToFive(), List.of(span("20:00", "22:00")), BUFFER)).isEqualTo(480);
    }

    @Test
    void working_hours_are_local_times_and_absences_cut_them() {
        List<FreeTime.Span> working = FreeTime.working(DAY, LONDON,
                List.<LocalTime[]>of(new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(17, 0)}),
                List.of(span("08:00", "10:00"), span("12:00", "13:00")));

        assertThat(working).containsExactly(span("10:00", "12:00"), span("13:00", "17:00"));
        assertThat(FreeTime.minutes(working)).isEqualTo(360);
    }
}
