package dev.switchboard.accounts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Caller numbers as Asterisk presents them, turned into E.164 the way accounts store them. */
class CallerNumberTest {

    @ParameterizedTest(name = "{0} with default country {1} is {2}")
    @CsvSource({
            "+442071838750,   US, +442071838750",
            "00442071838750,  US, +442071838750",
            "0044 20 7183 8750, US, +442071838750",
            "020 7183 8750,   GB, +442071838750",
            "02071838750,     GB, +442071838750",
            "+1 (415) 555-0101, GB, +14155550101",
            "4155550101,      US, +14155550101",
            "14155550101,     US, +14155550101",
            "+4930123456,     US, +4930123456",
            "030 123456,      DE, +4930123456",
    })
    void numbers_in_any_usual_format_become_e164(String presented, String country, String e164) {
        CallerNumber number = CallerNumber.of(presented, country);

        assertThat(number.e164()).contains(e164);
        assertThat(number.withheld()).isFalse();
        assertThat(number.presented()).isEqualTo(presented.trim());
    }

    @ParameterizedTest(name = "''{0}'' is withheld")
    @ValueSource(strings = {"anonymous", "", "  ", "Anonymous", "<unknown>", "unavailable", "restricted"})
    void withheld_numbers_have_no_e164(String presented) {
        CallerNumber number = CallerNumber.of(presented, "US");

        assertThat(number.withheld()).isTrue();
        assertThat(number.e164()).isEmpty();
    }

    @Test
    void an_extension_or_garbage_is_shown_as_it_came_but_matches_no_account() {
        assertThat(CallerNumber.of("1001", "US").e164()).isEmpty();
        assertThat(CallerNumber.of("'; DROP TABLE accounts; --", "US").e164()).isEmpty();
        assertThat(CallerNumber.of(null, "US").withheld()).isTrue();
    }
}
