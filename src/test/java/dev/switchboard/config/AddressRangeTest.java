package dev.switchboard.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressRangeTest {

    @Test
    void a_cidr_block_holds_the_addresses_under_its_prefix_and_no_others() {
        AddressRange lan = AddressRange.parse("172.31.250.0/24");

        assertThat(lan.contains("172.31.250.10")).isTrue();
        assertThat(lan.contains("172.31.251.10")).isFalse();
        assertThat(lan.contains("::ffff:172.31.250.10")).as("IPv4 seen through an IPv6 socket").isTrue();
        assertThat(lan.contains("not an address")).isFalse();
    }

    @Test
    void a_single_address_holds_only_itself_in_either_family() {
        assertThat(AddressRange.parse("127.0.0.1").contains("127.0.0.2")).isFalse();
        assertThat(AddressRange.parse("127.0.0.1").contains("127.0.0.1")).isTrue();
        assertThat(AddressRange.parse("::1").contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(AddressRange.parse("fd00::/8").contains("fd12::5")).isTrue();
        assertThat(AddressRange.parse("fd00::/8").contains("10.0.0.1")).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
    }

    @Test
    void names_and_bad_prefixes_are_refused_rather_than_looked_up() {
        assertThatThrownBy(() -> AddressRange.parse("localhost")).hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/40")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
    }
}
