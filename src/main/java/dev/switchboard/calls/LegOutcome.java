package dev.switchboard.calls;

import java.util.Locale;

/**
 * How a caller left a queue. A timeout is not an abandon: the queue sent the caller on. A callback
 * is not one either: the caller left their place to be called back.
 */
public enum LegOutcome {
    ANSWERED, ABANDONED, TIMEOUT, CALLBACK;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LegOutcome fromCode(String code) {
        return code == null ? null : valueOf(code.toUpperCase(Locale.ROOT));
    }
}
