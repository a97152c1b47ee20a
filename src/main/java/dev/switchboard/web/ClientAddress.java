package dev.switchboard.web;

import dev.switchboard.config.AddressRange;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * The address of the client behind a request: the connection's own address, unless that is a
 * trusted reverse proxy, in which case {@code X-Forwarded-For} is read from the right, past every
 * trusted proxy, to the first address a trusted proxy saw connect. Addresses a client wrote in the
 * header itself (left of that) are never believed. Vert.x's own forwarded-header support trusts
 * every peer alike, so it cannot be used for this.
 */
public final class ClientAddress {

    private static final String KEY = "switchboard.clientAddress";

    private final List<AddressRange> trustedProxies;

    public ClientAddress(List<AddressRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** Works out the request's client address and keeps it on the context for {@link #of}. */
    public void attach(RoutingContext ctx) {
        ctx.put(KEY, resolve(peer(ctx.request().remoteAddress()), ctx.request().headers().getAll("X-Forwarded-For")));
        ctx.next();
    }

    /** The client address of a request that went through {@link #attach}, else the connection's address. */
    public static String of(RoutingContext ctx) {
        String address = ctx.get(KEY);
        return address != null ? address : peer(ctx.request().remoteAddress());
    }

    String resolve(String peer, List<String> forwardedHeaders) {
        if (!trusted(peer) || forwardedHeaders.isEmpty()) {
            return peer;
        }
        String client = peer;
        List<String> hops = forwardedHeaders.stream().flatMap(h -> List.of(h.split(",")).stream())
                .map(String::trim).filter(h -> !h.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = withoutPort(hops.get(i));
            if (!AddressRange.isLiteral(hop)) {
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    private static String peer(SocketAddress remote) {
        return remote == null ? "unknown" : remote.hostAddress();
    }

    /** {@code 10.0.0.7:51234} and {@code [::1]:51234} as proxies may write them, without the port. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
