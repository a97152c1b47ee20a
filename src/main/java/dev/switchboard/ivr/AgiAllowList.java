package dev.switchboard.ivr;

import dev.switchboard.config.AddressRange;
import dev.switchboard.config.AmiServerConfig;
import dev.switchboard.config.IvrConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may connect to the FastAGI server: the addresses of {@code SWITCHBOARD_AGI_ALLOWED} when it
 * is set, else loopback and the Asterisk servers Switchboard logs in to. Anyone else on the LAN
 * could otherwise book callbacks to any number or post surveys. Host names are looked up once, when
 * the list is made, so a check never waits for DNS.
 */
public final class AgiAllowList {

    private static final Logger log = LoggerFactory.getLogger(AgiAllowList.class);
    static final List<AddressRange> LOOPBACK = List.of(AddressRange.parse("127.0.0.0/8"), AddressRange.parse("::1"));

    /** Looks a host name up; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<AddressRange> ranges;

    private AgiAllowList(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** The list for these settings, looking up the Asterisk servers' names in DNS (blocks). */
    public static AgiAllowList of(IvrConfig ivr, List<AmiServerConfig> asteriskServers) {
        return of(ivr, asteriskServers, InetAddress::getAllByName);
    }

    static AgiAllowList of(IvrConfig ivr, List<AmiServerConfig> asteriskServers, HostResolver resolver) {
        if (ivr.allowed().isPresent()) {
            return new AgiAllowList(ivr.allowed().get());
        }
        Set<AddressRange> ranges = new LinkedHashSet<>(LOOPBACK);
        for (AmiServerConfig server : asteriskServers) {
            try {
                for (InetAddress address : resolver.resolve(server.host())) {
                    ranges.add(AddressRange.of(address));
                }
            } catch (UnknownHostException e) {
                log.warn("FastAGI: cannot look up Asterisk server {} ({}); its connections will be refused unless "
                        + "SWITCHBOARD_AGI_ALLOWED lists its address", server.host(), e.getMessage());
            }
        }
        return new AgiAllowList(new ArrayList<>(ranges));
    }

    public boolean allows(InetAddress peer) {
        return peer != null && ranges.stream().anyMatch(range -> range.contains(peer));
    }

    List<AddressRange> ranges() {
        return ranges;
    }

    @Override
    public String toString() {
        return ranges.stream().map(AddressRange::toString).collect(Collectors.joining(", "));
    }
}
