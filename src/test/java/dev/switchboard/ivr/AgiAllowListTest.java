package dev.switchboard.ivr;

import dev.switchboard.config.AmiServerConfig;
import dev.switchboard.config.ConfigParser;
import dev.switchboard.config.IvrConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may connect to FastAGI: the setting, or loopback and the Asterisk servers Switchboard logs in to. */
class AgiAllowListTest {

    private static final AgiAllowList.HostResolver LAB_DNS = host -> switch (host) {
        case "asterisk" -> new InetAddress[]{InetAddress.getByName("172.31.250.20")};
        case "10.1.2.3" -> new InetAddress[]{InetAddress.getByName("10.1.2.3")};
        default -> throw new UnknownHostException(host);
    };

    @Test
    void unset_it_is_loopback_and_the_addresses_of_the_configured_asterisk_servers() throws Exception {
        AgiAllowList allowed = AgiAllowList.of(new IvrConfig("0.0.0.0", 4573), List.of(
                new AmiServerConfig("switchboard", "secret", "asterisk", 5038),
                new AmiServerConfig("switchboard", "secret", "10.1.2.3", 5038)), LAB_DNS);

        assertThat(allowed.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(allowed.allows(InetAddress.getByName("127.0.0.2"))).as("all of 127.0.0.0/8").isTrue();
        assertThat(allowed.allows(InetAddress.getByName("::1"))).isTrue();
        assertThat(allowed.allows(InetAddress.getByName("172.31.250.20"))).as("asterisk, looked up").isTrue();
        assertThat(allowed.allows(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(allowed.allows(InetAddress.getByName("172.31.250.21"))).as("its neighbour").isFalse();
        assertThat(allowed.allows(InetAddress.getByName("10.1.2.4"))).isFalse();
        assertThat(allowed.allows(InetAddress.getByName("192.168.1.50"))).isFalse();
        assertThat(allowed).hasToString("127.0.0.0/8, ::1, 172.31.250.20, 10.1.2.3");
    }

    @Test
    void without_asterisk_servers_only_this_machine_may_connect() throws Exception {
        AgiAllowList allowed = AgiAllowList.of(new IvrConfig("0.0.0.0", 4573), List.of(), LAB_DNS);

        assertThat(allowed.ranges()).isEqualTo(AgiAllowList.LOOPBACK);
        assertThat(allowed.allows(InetAddress.getByName("10.0.0.7"))).isFalse();
    }

    @Test
    void an_asterisk_server_whose_name_does_not_resolve_is_left_out_and_the_rest_still_apply() throws Exception {
        AgiAllowList allowed = AgiAllowList.of(new IvrConfig("0.0.0.0", 4573), List.of(
                new AmiServerConfig("switchboard", "secret", "gone.example", 5038),
                new AmiServerConfig("switchboard", "secret", "asterisk", 5038)), LAB_DNS);

        assertThat(allowed).hasToString("127.0.0.0/8, ::1, 172.31.250.20");
    }

    @Test
    void set_it_is_exactly_the_addresses_listed_and_not_even_loopback_besides() throws Exception {
        IvrConfig ivr = ConfigParser.parse(new JsonObject(), Map.of("SWITCHBOARD_AGI_ALLOWED", "10.20.0.0/16, 127.0.0.1"),
                "test").ivr();
        AgiAllowList allowed = AgiAllowList.of(ivr, List.of(new AmiServerConfig("switchboard", "s", "asterisk", 5038)),
                LAB_DNS);

        assertThat(allowed.allows(InetAddress.getByName("10.20.255.1"))).isTrue();
        assertThat(allowed.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(allowed.allows(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(allowed.allows(InetAddress.getByName("172.31.250.20"))).as("the AMI host is not added").isFalse();
        assertThat(allowed.allows(InetAddress.getByName("::ffff:10.20.1.1"))).as("IPv4-mapped").isTrue();
    }
}
