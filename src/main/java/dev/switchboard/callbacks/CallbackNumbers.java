package dev.switchboard.callbacks;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.switchboard.config.CallbacksConfig;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The numbers Switchboard may dial for a callback, so nobody can make the call centre ring a
 * premium-rate line or the other side of the world: with {@code SWITCHBOARD_CALLBACK_NUMBERS}, the
 * numbers (E.164) matching one of its patterns; without, the default country's geographic and
 * mobile numbers. Premium-rate numbers are refused either way.
 */
public final class CallbackNumbers {

    /** Why a number is refused, as the IVR's {@code CC_CALLBACK_REASON} says it. */
    public enum Refusal {
        PREMIUM_RATE("premium-rate"),
        NOT_ALLOWED("number-not-allowed");

        private final String code;

        Refusal(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final Set<PhoneNumberType> GEOGRAPHIC_OR_MOBILE = Set.of(PhoneNumberType.FIXED_LINE,
            PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);

    private final Optional<List<Pattern>> patterns;
    private final String defaultCountry;

    CallbackNumbers(Optional<List<Pattern>> patterns, String defaultCountry) {
        this.patterns = patterns;
        this.defaultCountry = defaultCountry;
    }

    public static CallbackNumbers of(CallbacksConfig config, String defaultCountry) {
        return new CallbackNumbers(config.allowedNumbers(), defaultCountry);
    }

    /** Why a callback may not dial {@code e164} ({@code +14155550123}), or empty when it may. */
    public Optional<Refusal> refusal(String e164) {
        PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return Optional.of(Refusal.NOT_ALLOWED);
        }
        PhoneNumberType type = PHONE_NUMBERS.getNumberType(number);
        if (type == PhoneNumberType.PREMIUM_RATE) {
            return Optional.of(Refusal.PREMIUM_RATE);
        }
        boolean allowed = patterns
                .map(list -> list.stream().anyMatch(p -> p.matcher(e164).matches()))
                .orElseGet(() -> PHONE_NUMBERS.isValidNumberForRegion(number, defaultCountry)
                        && GEOGRAPHIC_OR_MOBILE.contains(type));
        return allowed ? Optional.empty() : Optional.of(Refusal.NOT_ALLOWED);
    }
}
