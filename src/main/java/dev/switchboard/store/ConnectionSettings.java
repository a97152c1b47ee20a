package dev.switchboard.store;

import dev.switchboard.config.Redaction;

import java.util.Properties;

/** How to reach the database over JDBC. The password never appears in {@link #toString()}. */
public record ConnectionSettings(String jdbcUrl, String user, String password, int connectTimeoutSeconds) {

    /** Driver properties: credentials plus a connect timeout so a dead server fails fast. */
    public Properties driverProperties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", String.valueOf(connectTimeoutSeconds * 1000));
        return props;
    }

    /** The URL with the connect timeout added, for clients that take only a URL and credentials. */
    public String jdbcUrlWithTimeout() {
        if (jdbcUrl.contains("connectTimeout=")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "connectTimeout=" + connectTimeoutSeconds * 1000;
    }

    /** The URL as it may be shown in logs and messages. */
    public String displayUrl() {
        return Redaction.jdbcUrl(jdbcUrl);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + displayUrl() + ", user=" + user + ", password=***]";
    }
}
