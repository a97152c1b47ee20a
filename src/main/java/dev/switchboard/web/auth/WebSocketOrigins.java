package dev.switchboard.web.auth;

import dev.switchboard.config.AddressRange;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which pages may open a live feed. A browser sends the page's origin with every WebSocket
 * upgrade and page script cannot change it, so another site's page is told apart here even when
 * it holds a stolen ticket. With {@code SWITCHBOARD_ALLOWED_ORIGINS} set, exactly those origins
 * may. Unset, Switchboard's own origin as the browser sees it may, recognised by any of: the
 * browser's own {@code Sec-Fetch-Site: same-origin}; an Origin naming the Host the request arrived
 * with; the origin of {@code SWITCHBOARD_PUBLIC_URL}; or {@code X-Forwarded-Host} (and
 * {@code X-Forwarded-Proto}) written by a trusted reverse proxy. The last three keep the feeds
 * working behind a proxy that rewrites Host, and with browsers that send no Sec-Fetch-Site. A
 * client that is not a browser sends no Origin; it still needs a ticket or a session token.
 */
public final class WebSocketOrigins {

    private final List<String> allowed;
    private final String publicOrigin;
    private final List<AddressRange> trustedProxies;

    /**
     * @param allowed        origins as the setting lists them (lower case, no path); empty: own origin
     * @param publicUrl      the address customers and staff reach Switchboard at
     * @param trustedProxies reverse proxies whose X-Forwarded-Host is believed
     */
    public WebSocketOrigins(List<String> allowed, String publicUrl, List<AddressRange> trustedProxies) {
        this.allowed = List.copyOf(allowed);
        this.publicOrigin = originOf(publicUrl);
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public boolean allows(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        origin = origin.trim().toLowerCase(Locale.ROOT);
        if (!allowed.isEmpty()) {
            return allowed.contains(origin);
        }
        return "same-origin".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))
                || origin.equals(publicOrigin)
                || namesHost(origin, null, request.getHeader("Host"))
                || fromTrustedProxy(request) && namesHost(origin, first(request.getHeader("X-Forwarded-Proto")),
                        first(request.getHeader("X-Forwarded-Host")));
    }

    /** {@code origin} is {@code scheme://host}, the scheme being {@code scheme} when that is known. */
    private static boolean namesHost(String origin, String scheme, String host) {
        int separator = origin.indexOf("://");
        if (host == null || host.isEmpty() || separator <= 0) {
            return false;
        }
        boolean schemeMatches = scheme == null || scheme.isEmpty()
                || origin.substring(0, separator).equalsIgnoreCase(scheme);
        return schemeMatches && origin.substring(separator + 3).equalsIgnoreCase(host);
    }

    private boolean fromTrustedProxy(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return peer != null && peer.hostAddress() != null
                && trustedProxies.stream().anyMatch(range -> range.contains(peer.hostAddress()));
    }

    /** The first of a comma-separated header's values: what the outermost proxy saw. */
    private static String first(String header) {
        return header == null ? null : header.split(",")[0].trim();
    }

    private static String originOf(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri = URI.create(url.trim());
        return uri.getScheme() == null || uri.getRawAuthority() == null ? null
                : (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
    }
}
