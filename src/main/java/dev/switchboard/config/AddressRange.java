package dev.switchboard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * One address or a CIDR block ({@code 10.1.2.3}, {@code 10.1.0.0/16}, {@code ::1}, {@code fd00::/8}),
 * as settings that say who may connect are written. Only literal addresses: a host name would make
 * the answer depend on DNS at the moment of the check.
 */
public final class AddressRange {

    private final byte[] network;
    private final int prefixBits;
    private final String text;

    private AddressRange(byte[] network, int prefixBits, String text) {
        this.network = network;
        this.prefixBits = prefixBits;
        this.text = text;
    }

    /** Parses {@code ADDRESS[/BITS]}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static AddressRange parse(String value) {
        String trimmed = value.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address);
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("'" + trimmed + "' has a prefix length outside 0-" + bytes.length * 8);
            }
        }
        return new AddressRange(mask(bytes, bits), bits, trimmed.toLowerCase(Locale.ROOT));
    }

    /** The range holding just this address. */
    public static AddressRange of(InetAddress address) {
        byte[] bytes = address.getAddress();
        return new AddressRange(bytes, bytes.length * 8, address.getHostAddress());
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            byte[] mapped = ipv4MappedOrNull(bytes);
            if (mapped == null || mapped.length != network.length) {
                return false;
            }
            bytes = mapped;
        }
        return Arrays.equals(mask(bytes, prefixBits), network);
    }

    /** Whether the address (a literal, e.g. from a socket or a header) is in this range; false if it is not one. */
    public boolean contains(String address) {
        try {
            return contains(InetAddress.getByAddress(literal(address.trim())));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }

    /** Whether the text is an IPv4 or IPv6 address literal (no name lookup is ever made). */
    public static boolean isLiteral(String address) {
        try {
            literal(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] literal(String address) {
        // only what cannot be a host name reaches InetAddress, so no name is ever looked up
        boolean ipv4 = address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
        boolean looksLiteral = ipv4 || ipv6;
        if (!looksLiteral) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address");
        }
    }

    /** {@code ::ffff:a.b.c.d} as the IPv4 address it carries. */
    private static byte[] ipv4MappedOrNull(byte[] bytes) {
        if (bytes.length != 16) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return null;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff ? Arrays.copyOfRange(bytes, 12, 16) : null;
    }

    private static byte[] mask(byte[] bytes, int bits) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            masked[i] = (byte) (masked[i] & (0xff << (8 - keep)));
        }
        return masked;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange other && other.prefixBits == prefixBits && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixBits;
    }

    @Override
    public String toString() {
        return text;
    }
}
