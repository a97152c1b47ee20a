package dev.switchboard.web.auth;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed logins over HTTP, from more than one loopback address: the address that guesses is held
 * back, the admin logs in at once from elsewhere; X-Forwarded-For decides the address only when it
 * comes from a trusted proxy.
 */
class LoginThrottlingOverHttpTest {

    private static ServiceRig rig;
    private static ServiceRig behindProxy;

    @BeforeAll
    static void start() {
        rig = new ServiceRig("throttle", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of());
        behindProxy = new ServiceRig("throttle_proxy", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()),
                Map.of("SWITCHBOARD_TRUSTED_PROXIES", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        rig.close();
        behindProxy.close();
    }

    private static HttpResponse<Buffer> login(ServiceRig on, String from, String forwardedFor, String user,
                                              String password) {
        WebClient client = WebClient.create(on.vertx, new WebClientOptions().setLocalAddress(from));
        try {
            var request = client.post(on.port, "127.0.0.1", "/api/login");
            if (forwardedFor != null) {
                request.putHeader("X-Forwarded-For", forwardedFor);
            }
            return request.sendJsonObject(new JsonObject().put("username", user).put("password", password)).await();
        } finally {
            client.close();
        }
    }

    private static void assertHeldBack(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isIn("1", "2");
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("too_many_attempts");
        assertThat(response.bodyAsJsonObject().getString("message")).contains("Too many failed logins", "try again in");
    }

    @Test
    void guesses_at_the_admin_password_from_one_address_hold_it_back_while_the_admin_logs_in_at_once_from_another() {
        for (int i = 0; i < 5; i++) {
            assertThat(login(rig, "127.0.0.2", null, "admin", "guess-" + i).statusCode()).isEqualTo(401);
        }
        assertHeldBack(login(rig, "127.0.0.2", null, "admin", ServiceRig.ADMIN_PASSWORD));

        assertThat(login(rig, "127.0.0.1", null, "admin", ServiceRig.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void failures_under_many_names_from_one_address_hold_it_back_for_every_name_but_not_other_addresses() {
        for (int i = 0; i < 20; i++) {
            assertThat(login(rig, "127.0.0.3", null, "nobody-" + i, "guess").statusCode()).isEqualTo(401);
        }
        assertHeldBack(login(rig, "127.0.0.3", null, "admin", ServiceRig.ADMIN_PASSWORD));

        assertThat(login(rig, "127.0.0.1", null, "admin", ServiceRig.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void without_trusted_proxies_a_client_cannot_dodge_the_limit_by_writing_x_forwarded_for() {
        for (int i = 0; i < 5; i++) {
            assertThat(login(rig, "127.0.0.4", "203.0.113." + i, "admin", "guess").statusCode()).isEqualTo(401);
        }
        assertHeldBack(login(rig, "127.0.0.4", "203.0.113.99", "admin", ServiceRig.ADMIN_PASSWORD));
    }

    @Test
    void behind_a_trusted_proxy_x_forwarded_for_names_the_address_that_is_held_back() {
        for (int i = 0; i < 5; i++) {
            assertThat(login(behindProxy, "127.0.0.1", "203.0.113.5", "admin", "guess").statusCode()).isEqualTo(401);
        }
        assertHeldBack(login(behindProxy, "127.0.0.1", "203.0.113.5", "admin", ServiceRig.ADMIN_PASSWORD));

        assertThat(login(behindProxy, "127.0.0.1", "203.0.113.6", "admin", ServiceRig.ADMIN_PASSWORD).statusCode())
                .as("another client behind the same proxy").isEqualTo(200);
        assertThat(login(behindProxy, "127.0.0.1", null, "admin", ServiceRig.ADMIN_PASSWORD).statusCode())
                .as("the proxy's own address").isEqualTo(200);
    }
}
