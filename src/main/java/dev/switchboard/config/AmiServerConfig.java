package dev.switchboard.config;

/** One Asterisk Manager Interface login. The secret is never printed. */
public record AmiServerConfig(String user, String secret, String host, int port) {

    /** A name for logs and /ready: {@code user@host:port}. */
    public String label() {
        return user + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "AmiServerConfig[" + label() + ", secret=***]";
    }
}
