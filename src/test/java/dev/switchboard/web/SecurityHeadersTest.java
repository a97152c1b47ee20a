package dev.switchboard.web;

import dev.switchboard.config.HttpConfig;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.ReadyCheck;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.web.auth.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every response carries the security headers, whoever answers it: a page, a script, an API
 * answer in JSON, a 404, a 401, the customer's survey page and {@code /health}; and over plain
 * HTTP, never HSTS (it would pin browsers to an HTTPS that is not there).
 */
class SecurityHeadersTest {

    private static final String SURVEY_LINK = "headers-survey-link-token";
    private static ServiceRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new ServiceRig("headers", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(), false);
        Sql sql = Sql.on(rig.database);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        sql.execute("INSERT INTO cases (id, account_id, channel, category, status, description, created_at, closed_at) "
                + "VALUES (1, 1, 'phone', 'heating', 'closed', 'Radiator cold', '" + now.minusDays(2) + "', '"
                + now.minusDays(1) + "')");
        sql.execute("INSERT INTO csat_surveys (case_id, closure_no, channel, token_sha256, sent_at) VALUES (1, 1, "
                + "'sms', UNHEX('" + HexFormat.of().formatHex(Tokens.sha256(SURVEY_LINK)) + "'), '" + now.minusHours(1)
                + "')");
        rig.start();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static void assertSecurityHeaders(HttpResponse<Buffer> response) {
        assertThat(response.getHeader("Content-Security-Policy"))
                .isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
    }

    @Test
    void the_containers_health_check_asks_ready_over_plain_http_and_fails_where_nothing_answers() throws Exception {
        assertThat(ReadyCheck.against(rig.port, Map.of())).as("ready over HTTP").isZero();
        assertThat(ReadyCheck.against(Ports.free(), Map.of())).as("nothing listening").isNotZero();
    }

    @Test
    void the_login_page_and_its_script_carry_the_headers() {
        HttpResponse<Buffer> page = rig.get("/", null);
        assertThat(page.bodyAsString()).contains("id=\"login-form\"");
        assertSecurityHeaders(page);

        HttpResponse<Buffer> script = rig.get("/js/api.js", null);
        assertThat(script.getHeader("Content-Type")).contains("javascript");
        assertSecurityHeaders(script);
    }

    @Test
    void an_api_answer_in_json_carries_the_headers() {
        HttpResponse<Buffer> me = rig.get("/api/me", rig.adminToken());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.bodyAsJsonObject().getString("username")).isEqualTo("admin");
        assertSecurityHeaders(me);
    }

    @Test
    void a_refusal_without_a_login_and_a_missing_page_carry_the_headers() {
        HttpResponse<Buffer> refused = rig.get("/api/cases", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertSecurityHeaders(refused);

        HttpResponse<Buffer> missing = rig.get("/no-such-page.html", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertSecurityHeaders(missing);
    }

    @Test
    void the_customers_survey_page_carries_the_headers_and_sends_no_referer_with_its_token() {
        HttpResponse<Buffer> survey = rig.get("/survey/" + SURVEY_LINK, null);
        assertThat(survey.statusCode()).isEqualTo(200);
        assertThat(survey.bodyAsString()).contains("<form method=\"post\"");
        assertSecurityHeaders(survey);

        HttpResponse<Buffer> unknown = rig.get("/survey/no-such-link", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertSecurityHeaders(unknown);
    }

    @Test
    void health_carries_the_headers() {
        HttpResponse<Buffer> health = rig.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertSecurityHeaders(health);
    }

    @Test
    void the_http_server_puts_the_headers_on_whatever_routes_it_serves_not_only_the_ui() {
        Vertx vertx = Vertx.vertx();
        try {
            int port = Ports.free();
            vertx.deployVerticle(new HttpServerVerticle(new HttpConfig("127.0.0.1", port),
                    List.of(new HealthRoutes(List.of(), List.of())))).await();
            WebClient client = WebClient.create(vertx);

            assertSecurityHeaders(client.get(port, "127.0.0.1", "/health").send().await());
            assertSecurityHeaders(client.get(port, "127.0.0.1", "/no/such/thing").send().await());
        } finally {
            vertx.close().await();
        }
    }
}
