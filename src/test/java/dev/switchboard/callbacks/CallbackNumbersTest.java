package dev.switchboard.callbacks;

import dev.switchboard.callbacks.CallbackNumbers.Refusal;
import dev.switchboard.config.ConfigParser;
import dev.switchboard.config.SwitchboardConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which numbers a callback may dial: the default country's geographic and mobile numbers, or the setting's. */
class CallbackNumbersTest {

    private static CallbackNumbers numbers(Map<String, String> settings) {
        SwitchboardConfig config = ConfigParser.parse(new JsonObject(), settings, "test");
        return CallbackNumbers.of(config.callbacks(), config.defaultCountry());
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(nullValues = "allowed", value = {
            "+12025550143, US, allowed",              // Washington, geographic
            "+14155550101, US, allowed",
            "+19005550123, US, premium-rate",         // 1-900
            "+18005550199, US, number-not-allowed",   // toll-free: not a customer's line
            "+442071838750, US, number-not-allowed",  // London, another country
            "+33612345678, US, number-not-allowed",   // a French mobile
            "+442071838750, GB, allowed",
            "+447400123456, GB, allowed",             // a UK mobile
            "+449098790000, GB, premium-rate",        // 09
            "+14155550101, GB, number-not-allowed",
            "+1415, US, number-not-allowed",          // too short to be a number
    })
    void unset_the_default_countrys_geographic_and_mobile_numbers_only(String e164, String country, String refusal) {
        Map<String, String> settings = Map.of("SWITCHBOARD_DEFAULT_COUNTRY", country);

        assertThat(numbers(settings).refusal(e164).map(Refusal::code)).isEqualTo(Optional.ofNullable(refusal));
    }

    @Test
    void set_exactly_the_numbers_its_patterns_match() {
        CallbackNumbers numbers = numbers(Map.of("SWITCHBOARD_CALLBACK_NUMBERS", "\\+4420[0-9]{8}, \\+3361[0-9]{7}"));

        assertThat(numbers.refusal("+442071838750")).as("London, listed").isEmpty();
        assertThat(numbers.refusal("+33612345678")).as("a French mobile, listed").isEmpty();
        assertThat(numbers.refusal("+14155550101")).as("the default country, not listed").contains(Refusal.NOT_ALLOWED);
        assertThat(numbers.refusal("+4420718387501")).as("the whole number must match").contains(Refusal.NOT_ALLOWED);
    }

    @Test
    void a_premium_rate_number_is_refused_even_when_a_pattern_allows_it() {
        CallbackNumbers numbers = numbers(Map.of("SWITCHBOARD_CALLBACK_NUMBERS", "\\+[0-9]+"));

        assertThat(numbers.refusal("+19005550123")).contains(Refusal.PREMIUM_RATE);
        assertThat(numbers.refusal("+449098790000")).contains(Refusal.PREMIUM_RATE);
        assertThat(numbers.refusal("+442071838750")).isEmpty();
    }
}
