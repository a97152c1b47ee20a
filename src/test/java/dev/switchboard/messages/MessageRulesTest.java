package dev.switchboard.messages;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which way a message goes, how long it waits between tries, and the calendar text: no database. */
class MessageRulesTest {

    @Test
    void an_account_without_a_preference_gets_email_when_it_has_an_address_else_sms_to_its_mobile() {
        assertThat(new Recipient("Ada", "ada@example.com", null, "+441632960123", "").address())
                .contains(new Recipient.Address(Channel.Kind.EMAIL, "ada@example.com"));
        assertThat(new Recipient("Bob", null, null, "+441632960123", "").address())
                .contains(new Recipient.Address(Channel.Kind.SMS, "+441632960123"));
        assertThat(new Recipient("Eve", " ", null, null, "").address()).isEmpty();
    }

    @Test
    void a_preference_for_sms_is_kept_only_when_there_is_a_mobile() {
        assertThat(new Recipient("Bob", "bob@example.org", "sms", "+441632960123", "").address())
                .contains(new Recipient.Address(Channel.Kind.SMS, "+441632960123"));
        assertThat(new Recipient("Bob", "bob@example.org", "sms", null, "").address())
                .contains(new Recipient.Address(Channel.Kind.EMAIL, "bob@example.org"));
    }

    @Test
    void the_pause_between_tries_doubles_up_to_the_cap() {
        RetryDelay delay = new RetryDelay(Duration.ofSeconds(30), Duration.ofMinutes(5));
        assertThat(delay.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delay.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(delay.after(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(delay.after(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(delay.after(500)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void a_visit_calendar_has_utc_times_a_stable_uid_and_escaped_text() {
        String ics = VisitCalendar.of(7, Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T12:00:00Z"),
                Instant.parse("2026-11-30T08:15:30Z"), "Engineer visit; boiler", "1 Way, Town", false);
        assertThat(ics.split("\r\n")).contains("UID:visit-7@switchboard", "DTSTAMP:20261130T081530Z",
                "DTSTART:20261207T100000Z", "DTEND:20261207T120000Z", "SUMMARY:Engineer visit\\; boiler",
                "LOCATION:1 Way\\, Town", "METHOD:PUBLISH");
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(VisitCalendar.of(7, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, "s", "l", true))
                .contains("METHOD:CANCEL\r\n").contains("STATUS:CANCELLED\r\n");
    }
}
