package dev.switchboard.web;

import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads query parameters; a malformed one is a 400 that names it. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** An instant ({@code 2026-11-22T08:00:00Z}) or a UTC date ({@code 2026-11-22}, its start); else the fallback. */
    public static Instant instant(RoutingContext ctx, String name, Instant fallback) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid_parameter", "'" + name
                    + "' must be an instant like 2026-11-22T08:00:00Z or a date like 2026-11-22.");
        }
    }

    /** A date ({@code 2026-11-22}); else the fallback. */
    public static LocalDate date(RoutingContext ctx, String name, LocalDate fallback) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid_parameter", "'" + name + "' must be a date like 2026-11-22.");
        }
    }

    /** {@code limit}: a whole number from 1 to {@code max}; else the fallback when absent. */
    public static int limit(RoutingContext ctx, int fallback, int max) {
        String value = ctx.queryParams().get("limit");
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException("invalid_parameter", "'limit' must be a whole number from 1 to " + max + ".");
    }
}
