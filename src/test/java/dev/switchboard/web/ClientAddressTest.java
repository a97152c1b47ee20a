package dev.switchboard.web;

import dev.switchboard.config.AddressRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    private final ClientAddress behindProxy = new ClientAddress(List.of(AddressRange.parse("10.0.0.2"),
            AddressRange.parse("10.1.0.0/16")));

    @Test
    void without_trusted_proxies_the_header_is_ignored_and_the_connection_counts() {
        ClientAddress none = new ClientAddress(List.of());

        assertThat(none.resolve("192.168.7.9", List.of("203.0.113.5"))).isEqualTo("192.168.7.9");
    }

    @Test
    void a_trusted_proxy_names_the_client_it_saw() {
        assertThat(behindProxy.resolve("10.0.0.2", List.of("192.168.7.9"))).isEqualTo("192.168.7.9");
        assertThat(behindProxy.resolve("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
    }

    @Test
    void what_the_client_wrote_left_of_the_first_untrusted_hop_is_not_believed() {
        assertThat(behindProxy.resolve("10.0.0.2", List.of("1.2.3.4, 192.168.7.9, 10.1.4.4")))
                .isEqualTo("192.168.7.9");
        assertThat(behindProxy.resolve("10.0.0.2", List.of("1.2.3.4", "192.168.7.9:51234")))
                .isEqualTo("192.168.7.9");
    }

    @Test
    void an_untrusted_peer_cannot_pretend_to_be_someone_else() {
        assertThat(behindProxy.resolve("192.168.7.9", List.of("10.0.0.99"))).isEqualTo("192.168.7.9");
    }

    @Test
    void garbage_in_the_header_stops_the_walk_at_the_last_good_hop() {
        assertThat(behindProxy.resolve("10.0.0.2", List.of("evil.example, not-an-address"))).isEqualTo("10.0.0.2");
        assertThat(behindProxy.resolve("10.0.0.2", List.of("[::1]:4000"))).isEqualTo("::1");
    }
}
