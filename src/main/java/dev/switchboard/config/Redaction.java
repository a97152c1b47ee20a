package dev.switchboard.config;

import java.util.regex.Pattern;

/** Hides secrets in text that is about to be logged or shown. */
public final class Redaction {

    private static final Pattern URL_SECRET = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");

    private Redaction() {
    }

    /** A JDBC URL with any password parameter masked, e.g. {@code ...?user=a&password=***}. */
    public static String jdbcUrl(String url) {
        return url == null ? null : URL_SECRET.matcher(url).replaceAll("$1***");
    }
}
