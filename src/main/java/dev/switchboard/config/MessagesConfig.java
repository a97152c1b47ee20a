package dev.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How messages reach customers: an SMTP server for e-mail, an HTTP gateway for SMS, how often a
 * message is tried and how long the pauses between tries grow, and the address survey links start
 * with. A channel that is not configured keeps its messages queued.
 */
public record MessagesConfig(Optional<Smtp> smtp, Optional<SmsGateway> sms, int maxAttempts, Duration firstRetry,
                             Duration maxRetry, String publicUrl) {

    /** An SMTP server; {@code user} empty: no login. */
    public record Smtp(String host, int port, boolean startTls, Optional<String> user, Optional<String> password,
                       String from) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", startTls=" + startTls + ", user=" + user.orElse("")
                    + ", password=" + (password.isPresent() ? "***" : "") + ", from=" + from + "]";
        }
    }

    /** An SMS gateway taking {@code POST} JSON with a bearer token. */
    public record SmsGateway(String url, String token, String senderId) {
        @Override
        public String toString() {
            return "SmsGateway[url=" + url + ", token=" + "***" + ", senderId=" + senderId
                    + "]";
        }
    }
}
