package dev.switchboard.queues;

import dev.switchboard.web.InvalidRequestException;

import java.util.Locale;

/** The periods figures are given for: today (local day), a rolling window, the current 15 minutes. */
public enum FiguresPeriod {
    TODAY, ROLLING, INTERVAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FiguresPeriod parse(String value) {
        if (value == null || value.isBlank()) {
            return TODAY;
        }
        for (FiguresPeriod period : values()) {
            if (period.code().equals(value)) {
                return period;
            }
        }
        throw new InvalidRequestException("invalid_parameter", "'period' must be today, rolling or interval.");
    }
}
