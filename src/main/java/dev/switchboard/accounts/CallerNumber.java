package dev.switchboard.accounts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A caller's number as Asterisk presented it, and the same number in E.164 when it is one:
 * {@code +44 20 7183 8750}, {@code 0044207…} and, with default country GB, {@code 020 7183 8750}
 * all become {@code +442071838750}. Withheld numbers ({@code anonymous}, empty, …) have none.
 */
public record CallerNumber(String presented, Optional<String> e164, boolean withheld) {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final Set<String> WITHHELD = Set.of("", "anonymous", "unknown", "<unknown>", "unavailable",
            "restricted", "private", "withheld");

    /** @param defaultRegion ISO 3166 country of national numbers, e.g. US or GB */
    public static CallerNumber of(String presented, String defaultRegion) {
        String raw = presented == null ? "" : presented.trim();
        if (WITHHELD.contains(raw.toLowerCase(Locale.ROOT))) {
            return new CallerNumber(raw, Optional.empty(), true);
        }
        String dialable = raw.startsWith("00") ? "+" + raw.substring(2) : raw;
        try {
            Phonenumber.PhoneNumber number = PHONE_NUMBERS.parse(dialable, defaultRegion);
            if (PHONE_NUMBERS.isPossibleNumber(number)) {
                return new CallerNumber(raw, Optional.of(PHONE_NUMBERS.format(number,
                        PhoneNumberUtil.PhoneNumberFormat.E164)), false);
            }
        } catch (NumberParseException e) {
            // not a phone number: an extension, letters, garbage
        }
        return new CallerNumber(raw, Optional.empty(), false);
    }

    /** True if {@code region} is a country libphonenumber knows (for config validation). */
    public static boolean isKnownRegion(String region) {
        return PHONE_NUMBERS.getSupportedRegions().contains(region);
    }
}
