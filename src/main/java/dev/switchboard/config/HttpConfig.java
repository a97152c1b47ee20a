package dev.switchboard.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the HTTP API and UI listen, and who they believe: the reverse proxies whose
 * {@code X-Forwarded-For} names the client, the origins whose pages may open the live feeds (empty:
 * the service's own origin as the browser sees it), and the certificate for HTTPS (absent: plain HTTP).
 */
public record HttpConfig(String host, int port, List<AddressRange> trustedProxies, List<String> allowedOrigins,
                         Optional<Tls> tls) {

    public HttpConfig {
        trustedProxies = List.copyOf(trustedProxies);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Plain HTTP, no proxy, own origin only. */
    public HttpConfig(String host, int port) {
        this(host, port, List.of(), List.of(), Optional.empty());
    }

    /** A PEM certificate chain and its private key, read again when either file changes. */
    public record Tls(Path certificate, Path privateKey) {
    }
}
