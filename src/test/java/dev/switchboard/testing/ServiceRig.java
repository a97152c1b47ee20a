package dev.switchboard.testing;

import dev.switchboard.Switchboard;
import dev.switchboard.VertxFactory;
import dev.switchboard.config.ConfigParser;
import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.SimCredentials;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Migrations;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The whole service in this process, on a fresh database, following a simulated Asterisk on a
 * free loopback port; user {@code admin} has {@link #ADMIN_PASSWORD}.
 */
public final class ServiceRig implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    public final PrometheusMeterRegistry registry = VertxFactory.newRegistry();
    public final Vertx vertx = VertxFactory.withMetrics(registry);
    public final CompletableFuture<Void> feedHeard = new CompletableFuture<>();
    public final ConnectionSettings database;
    public final AmiSimulator asterisk;
    public final WebClient client;
    public final int port;
    public final int agiPort = Ports.free();
    private final Map<String, String> env;
    private Switchboard service;
    private WebSocketClient webSocketClient;

    /**
     * @param feeds  the simulated Asterisk's feed for each client
     * @param extra  more SWITCHBOARD_* settings
     */
    public ServiceRig(String databasePrefix, String banner, Function<Vertx, Supplier<EventFeed>> feeds,
                      Map<String, String> extra) {
        this(databasePrefix, banner, feeds, extra, true);
    }

    /** With {@code startNow} false, the database is migrated but the service waits for {@link #start}. */
    public ServiceRig(String databasePrefix, String banner, Function<Vertx, Supplier<EventFeed>> feeds,
                      Map<String, String> extra, boolean startNow) {
        asterisk = new AmiSimulator(vertx, new SimCredentials("switchboard", "ami-secret"), banner, feeds.apply(vertx),
                () -> feedHeard.complete(null));
        int amiPort = asterisk.listen("127.0.0.1", 0).await();
        database = TestMariaDb.freshDatabase(databasePrefix);
        port = Ports.free();
        env = new HashMap<>(Map.of(
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_HTTP_PORT", String.valueOf(port),
                "SWITCHBOARD_DB_URL", database.jdbcUrl(),
                "SWITCHBOARD_DB_USER", database.user(),
                "SWITCHBOARD_DB_PASSWORD", database.password(),
                "SWITCHBOARD_AMI", "switchboard:ami-secret@127.0.0.1:" + amiPort,
                "SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "SWITCHBOARD_AGI_HOST", "127.0.0.1",
                "SWITCHBOARD_AGI_PORT", String.valueOf(agiPort)));
        env.putAll(extra);
        client = WebClient.create(vertx);
        if (startNow) {
            start();
        } else {
            Migrations.migrateBlocking(database);
        }
    }

    /** Starts the service (again, after {@link #stopService}) on the same database and port. */
    public void start() {
        service = Switchboard.start(vertx, ConfigParser.parse(new JsonObject(), env, "test"), registry).await();
    }

    public List<String> routes() {
        return service.routes();
    }

    public void stopService() {
        service.stop().await();
    }

    public HttpResponse<Buffer> login(String user, String password) {
        return client.post(port, "127.0.0.1", "/api/login")
                .sendJsonObject(new JsonObject().put("username", user).put("password", password)).await();
    }

    /** A token of user admin. */
    public String adminToken() {
        return login("admin", ADMIN_PASSWORD).bodyAsJsonObject().getString("token");
    }

    public HttpResponse<Buffer> get(String path, String token) {
        var request = client.get(port, "127.0.0.1", path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return request.send().await();
    }

    /**
     * A WebSocket to {@code path} for the token's user, which it sends in the Authorization header
     * as a client that is not a browser does (one round trip fewer than a ticket, so a replayed
     * call does not outrun the connection); its text messages go to {@code onText} from the first
     * one: the handler is in place before the connection is made, so a message the server sends on
     * connect (the current pop, the wallboard's snapshot) cannot slip past it.
     */
    public WebSocket openSocket(String path, String token, Handler<String> onText) {
        ClientWebSocket socket = webSockets().webSocket();
        socket.textMessageHandler(onText);
        return socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path)
                .putHeader("Authorization", "Bearer " + token)).await();
    }

    /** A single-use WebSocket ticket of the token's session, from POST /api/ws-tickets. */
    public String ticket(String token) {
        HttpResponse<Buffer> answer = client.post(port, "127.0.0.1", "/api/ws-tickets")
                .putHeader("Authorization", "Bearer " + token).send().await();
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("no ticket: " + answer.statusCode() + " " + answer.bodyAsString());
        }
        return answer.bodyAsJsonObject().getString("ticket");
    }

    /** One client for all the rig's WebSockets, kept: an unreferenced client may be closed when collected. */
    public synchronized WebSocketClient webSockets() {
        if (webSocketClient == null) {
            webSocketClient = vertx.createWebSocketClient();
        }
        return webSocketClient;
    }

    @Override
    public void close() {
        if (service != null) {
            service.stop().await();
        }
        vertx.close().await();
    }
}
