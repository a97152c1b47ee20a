package dev.switchboard.web.auth;

import dev.switchboard.sim.Recording;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With SWITCHBOARD_ALLOWED_ORIGINS set, the live feeds open from exactly those origins: the
 * service's own origin, and a browser's word that the page is same-origin, no longer count.
 */
class AllowedOriginsTest {

    private static ServiceRig rig;

    @BeforeAll
    static void start() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        rig = new ServiceRig("origins", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(answered.snapshots(), List.of()),
                Map.of("SWITCHBOARD_ALLOWED_ORIGINS", "https://wallboard.example.com, http://10.1.2.3:8080/"));
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static WebSocketConnectOptions from(String origin) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(rig.port)
                .setURI("/api/queues/live?ticket=" + rig.ticket(rig.adminToken()))
                .setAllowOriginHeader(true).putHeader("Origin", origin);
    }

    private static int refusal(WebSocketConnectOptions options) {
        Throwable failure = rig.webSockets().connect(options)
                .map(socket -> (Throwable) new AssertionError("the WebSocket opened")).otherwise(e -> e).await();
        assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
        return ((UpgradeRejectedException) failure).getStatus();
    }

    @Test
    void an_origin_the_setting_lists_opens_a_feed_whatever_its_case() {
        rig.webSockets().connect(from("https://wallboard.example.com")).await().close().await();
        rig.webSockets().connect(from("HTTP://10.1.2.3:8080")).await().close().await();
    }

    @Test
    void any_other_origin_is_refused_even_the_services_own_or_one_the_browser_calls_same_origin() {
        assertThat(refusal(from("http://evil.example"))).isEqualTo(403);
        assertThat(refusal(from("http://127.0.0.1:" + rig.port))).isEqualTo(403);
        assertThat(refusal(from("https://other.example.com").putHeader("Sec-Fetch-Site", "same-origin"))).isEqualTo(403);
        assertThat(refusal(from("http://wallboard.example.com"))).as("another scheme").isEqualTo(403);
    }

    @Test
    void a_client_that_is_not_a_browser_sends_no_origin_and_still_needs_its_credentials() {
        WebSocketConnectOptions bare = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(rig.port)
                .setURI("/api/queues/live").setAllowOriginHeader(false);
        assertThat(refusal(bare)).isEqualTo(401);
        rig.webSockets().connect(bare.putHeader("Authorization", "Bearer " + rig.adminToken())).await().close().await();
    }
}
