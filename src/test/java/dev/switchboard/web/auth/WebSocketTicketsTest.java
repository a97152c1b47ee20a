package dev.switchboard.web.auth;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.sim.Recording;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live feeds open with a single-use ticket (in the URL or as a subprotocol) or, for clients
 * that are not browsers, an Authorization header; never with a session token in the URL. And only
 * from Switchboard's own pages: here it is reached at https://switchboard.example.com
 * (SWITCHBOARD_PUBLIC_URL) through a proxy at 127.0.0.2 that rewrites Host to 127.0.0.1:port.
 */
class WebSocketTicketsTest {

    private static final String PASSWORD = "tickets-password";
    private static final String PROXY = "127.0.0.2";
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static ServiceRig rig;
    private static WebSocketClient viaProxy;

    @BeforeAll
    static void start() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        rig = new ServiceRig("tickets", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(answered.snapshots(), List.of()),
                Map.of("SWITCHBOARD_PUBLIC_URL", "https://switchboard.example.com",
                        "SWITCHBOARD_TRUSTED_PROXIES", PROXY), false);
        String hash = new PasswordHasher().hash(PASSWORD);
        Sql.on(rig.database).execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(101, 'alice', 'Alice', '" + hash + "', 'agent'), (201, 'sue', 'Sue', '" + hash + "', 'supervisor')");
        Sql.on(rig.database).execute("INSERT INTO agents (id, user_id, member_name) VALUES (1, 101, 'Alice')");
        rig.start();
        viaProxy = rig.vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(PROXY));
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        rig.close();
    }

    private static String token(String user) {
        return rig.login(user, PASSWORD).bodyAsJsonObject().getString("token");
    }

    /**
     * An upgrade as a client that sets its own headers: no Origin, unless one is put with
     * {@code setAllowOriginHeader(true)} (without it the client drops the header).
     */
    private static WebSocketConnectOptions upgrade(String uri) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(rig.port).setURI(uri)
                .setAllowOriginHeader(false);
    }

    /** An upgrade from a browser page of {@code origin}. */
    private static WebSocketConnectOptions fromPage(String uri, String origin) {
        return upgrade(uri).setAllowOriginHeader(true).putHeader("Origin", origin);
    }

    /** An upgrade offering the ticket as a browser page does, in subprotocols. */
    private static WebSocketConnectOptions offering(String uri, String ticket) {
        return upgrade(uri).setSubProtocols(List.of("switchboard.ticket", "ticket." + ticket));
    }

    private static Future<WebSocket> connect(WebSocketClient client, WebSocketConnectOptions options) {
        return client.connect(options);
    }

    private static WebSocket opens(WebSocketConnectOptions options) {
        return connect(rig.webSockets(), options).await();
    }

    /** The status the upgrade was refused with. */
    private static UpgradeRejectedException refused(WebSocketClient client, WebSocketConnectOptions options) {
        Throwable failure = connect(client, options)
                .map(socket -> (Throwable) new AssertionError("the WebSocket opened"))
                .otherwise(e -> e).await();
        assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
        return (UpgradeRejectedException) failure;
    }

    private static UpgradeRejectedException refused(WebSocketConnectOptions options) {
        return refused(rig.webSockets(), options);
    }

    @Test
    void a_ticket_opens_the_wallboard_feed_once_and_the_same_ticket_is_refused_after() {
        String ticket = rig.ticket(token("sue"));
        List<String> received = new CopyOnWriteArrayList<>();
        ClientWebSocket socket = rig.webSockets().webSocket();
        socket.textMessageHandler(received::add);
        socket.connect(upgrade("/api/queues/live?ticket=" + ticket).setAllowOriginHeader(true)).await();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                .anyMatch(m -> new JsonObject(m).getString("type").equals("snapshot")));
        socket.close().await();

        UpgradeRejectedException again = refused(upgrade("/api/queues/live?ticket=" + ticket));
        assertThat(again.getStatus()).isEqualTo(401);
        assertThat(again.getBody().toString()).contains("POST /api/ws-tickets");
    }

    @Test
    void the_ticket_is_answered_with_when_it_lasts_and_only_its_hash_is_stored() throws Exception {
        HttpResponse<Buffer> answer = rig.client.post(rig.port, "127.0.0.1", "/api/ws-tickets")
                .putHeader("Authorization", "Bearer " + token("sue")).send().await();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
        String ticket = answer.bodyAsJsonObject().getString("ticket");
        Instant expiresAt = Instant.parse(answer.bodyAsJsonObject().getString("expiresAt"));
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
        String hash = HexFormat.of().formatHex(Tokens.sha256(ticket));
        assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM ws_tickets WHERE ticket_sha256 = UNHEX('"
                + hash + "')")).isEqualTo(1);
    }

    @Test
    void of_two_upgrades_racing_with_one_ticket_exactly_one_opens() {
        for (int round = 0; round < 5; round++) {
            String ticket = rig.ticket(token("alice"));
            List<Future<WebSocket>> racing = List.of(
                    connect(rig.webSockets(), upgrade("/api/agent/pops?ticket=" + ticket)),
                    connect(rig.webSockets(), upgrade("/api/agent/pops?ticket=" + ticket)));
            Future.join(racing).otherwiseEmpty().await();
            assertThat(racing.stream().filter(Future::succeeded).count()).as("round " + round).isEqualTo(1);
            assertThat(racing.stream().filter(Future::failed).map(f -> ((UpgradeRejectedException) f.cause()).getStatus()))
                    .containsExactly(401);
            racing.stream().filter(Future::succeeded).forEach(f -> f.result().close().await());
        }
    }

    @Test
    void a_ticket_offered_as_a_subprotocol_opens_the_pop_feed_and_the_server_picks_switchboard_ticket() {
        String ticket = rig.ticket(token("alice"));
        WebSocket socket = opens(offering("/api/agent/pops", ticket));
        assertThat(socket.subProtocol()).isEqualTo("switchboard.ticket");
        socket.close().await();

        assertThat(refused(offering("/api/agent/pops", ticket))
                .getStatus()).as("used once").isEqualTo(401);
    }

    @Test
    void a_client_that_is_not_a_browser_opens_a_feed_with_its_authorization_header() {
        WebSocket socket = opens(upgrade("/api/queues/live").putHeader("Authorization", "Bearer " + token("sue")));
        socket.close().await();
        WebSocket pops = opens(upgrade("/api/agent/pops").putHeader("Authorization", "Bearer " + token("alice")));
        pops.close().await();
    }

    @Test
    void a_session_token_in_the_url_is_refused_and_told_to_use_a_ticket() {
        String sue = token("sue");
        UpgradeRejectedException inUrl = refused(upgrade("/api/queues/live?access_token=" + sue));
        assertThat(inUrl.getStatus()).isEqualTo(401);
        assertThat(inUrl.getBody().toString()).contains("ticket").contains("POST /api/ws-tickets");

        assertThat(refused(upgrade("/api/queues/live?ticket=" + sue)).getStatus())
                .as("a session token is no ticket").isEqualTo(401);
        assertThat(refused(upgrade("/api/queues/live")).getStatus()).as("nothing at all").isEqualTo(401);
        assertThat(rig.get("/api/me?access_token=" + sue, null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_ticket_is_no_session_token_and_opens_only_a_websocket() {
        String ticket = rig.ticket(token("sue"));
        assertThat(rig.get("/api/me", ticket).statusCode()).isEqualTo(401);
        assertThat(rig.get("/api/me?ticket=" + ticket, null).statusCode()).isEqualTo(401);
        opens(upgrade("/api/queues/live?ticket=" + ticket)).close().await();
    }

    @Test
    void a_ticket_ends_with_its_session() {
        String sue = token("sue");
        String ticket = rig.ticket(sue);
        assertThat(rig.client.post(rig.port, "127.0.0.1", "/api/logout").putHeader("Authorization", "Bearer " + sue)
                .send().await().statusCode()).isEqualTo(204);
        assertThat(refused(upgrade("/api/queues/live?ticket=" + ticket)).getStatus()).isEqualTo(401);
    }

    @Test
    void a_ticket_opens_only_the_feeds_of_its_users_role() {
        String ticket = rig.ticket(token("alice"));
        assertThat(refused(upgrade("/api/queues/live?ticket=" + ticket)).getStatus()).isEqualTo(403);
    }

    @Test
    void neither_tickets_nor_tokens_reach_the_log_whether_they_open_a_feed_or_are_refused() {
        String sue = token("sue");
        String used = rig.ticket(sue);
        String offered = rig.ticket(sue);
        String foreign = rig.ticket(sue);
        opens(upgrade("/api/queues/live?ticket=" + used)).close().await();
        refused(upgrade("/api/queues/live?ticket=" + used));
        opens(offering("/api/queues/live", offered)).close().await();
        refused(fromPage("/api/queues/live?ticket=" + foreign, "http://evil.example"));
        refused(upgrade("/api/queues/live?access_token=" + sue));
        refused(upgrade("/api/queues/live?ticket=" + rig.ticket(token("alice"))));

        List<String> logged = new ArrayList<>(LOG.list).stream()
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : " " + e.getThrowableProxy().getMessage()))
                .toList();
        for (String secret : List.of(sue, used, offered, foreign)) {
            assertThat(logged).noneMatch(line -> line.contains(secret));
        }
    }

    // --- origins: the service's own, as the browser sees it ---------------------------------------

    @Test
    void a_page_of_another_site_is_refused_and_its_ticket_stays_unused() {
        String ticket = rig.ticket(token("sue"));
        assertThat(refused(fromPage("/api/queues/live?ticket=" + ticket, "http://evil.example"))
                .getStatus()).isEqualTo(403);
        assertThat(refused(fromPage("/api/queues/live?ticket=" + ticket, "http://evil.example")
                .putHeader("Sec-Fetch-Site", "cross-site")).getStatus()).isEqualTo(403);
        assertThat(refused(fromPage("/api/queues/live?ticket=" + ticket, "null")).getStatus())
                .as("a sandboxed page").isEqualTo(403);
        assertThat(refused(fromPage("/api/queues/live", "http://evil.example")
                .putHeader("Authorization", "Bearer " + token("sue"))).getStatus()).isEqualTo(403);

        opens(fromPage("/api/queues/live?ticket=" + ticket, "http://127.0.0.1:" + rig.port))
                .close().await();
    }

    @Test
    void behind_a_proxy_that_rewrites_host_the_public_urls_origin_may_open_a_feed() {
        String ticket = rig.ticket(token("sue"));
        opens(fromPage("/api/queues/live?ticket=" + ticket, "https://switchboard.example.com"))
                .close().await();
        assertThat(refused(fromPage("/api/queues/live?ticket=" + rig.ticket(token("sue")),
                "http://switchboard.example.com")).getStatus())
                .as("the same host on another scheme is another origin").isEqualTo(403);
    }

    @Test
    void a_browser_saying_sec_fetch_site_same_origin_may_open_a_feed_whatever_host_the_proxy_sent() {
        String ticket = rig.ticket(token("sue"));
        opens(fromPage("/api/queues/live?ticket=" + ticket, "https://wallboard.example.net")
                .putHeader("Sec-Fetch-Site", "same-origin")).close().await();
    }

    @Test
    void x_forwarded_host_names_the_origin_only_when_a_trusted_proxy_wrote_it() {
        WebSocketConnectOptions forwarded = fromPage("/api/queues/live?ticket=" + rig.ticket(token("sue")), "https://wallboard.example.net")
                .putHeader("X-Forwarded-Host", "wallboard.example.net").putHeader("X-Forwarded-Proto", "https");
        connect(viaProxy, forwarded).await().close().await();

        assertThat(refused(fromPage("/api/queues/live?ticket=" + rig.ticket(token("sue")), "https://wallboard.example.net")
                .putHeader("X-Forwarded-Host", "wallboard.example.net").putHeader("X-Forwarded-Proto", "https"))
                .getStatus()).as("from 127.0.0.1, which is no trusted proxy").isEqualTo(403);
        assertThat(refused(viaProxy, fromPage("/api/queues/live?ticket=" + rig.ticket(token("sue")), "https://wallboard.example.net")
                .putHeader("X-Forwarded-Host", "wallboard.example.net").putHeader("X-Forwarded-Proto", "http"))
                .getStatus()).as("the proxy says the page is on http").isEqualTo(403);
    }
}
