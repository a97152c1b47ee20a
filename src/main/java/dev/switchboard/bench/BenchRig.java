package dev.switchboard.bench;

import dev.switchboard.Switchboard;
import dev.switchboard.VertxFactory;
import dev.switchboard.config.ConfigParser;
import dev.switchboard.telephony.AmiLinkStatus;
import dev.switchboard.web.auth.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole service in this process, on a fresh embedded MariaDB under the report directory,
 * following the benchmark's simulated Asterisk, with its own Vert.x and metrics. Stopped when the
 * part is done, or when the benchmark is told to stop (SIGTERM, Ctrl-C), as {@code serve} is.
 */
final class BenchRig implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BenchRig.class);
    private static final long SHUTDOWN_SECONDS = 30;

    static final String AMI_USER = "bench";
    static final String AMI_SECRET = "bench-secret";

    final PrometheusMeterRegistry registry = VertxFactory.newRegistry();
    final Vertx vertx = VertxFactory.withMetrics(registry);
    final Switchboard service;
    final BenchSql sql;
    final int httpPort;
    private WebSocketClient webSockets;
    private HttpClientAgent httpClient;
    private final Future<Switchboard> starting;
    private final Thread stopOnSignal = new Thread(this::stopOnSignal, "bench-shutdown");
    private Future<Void> stopping;

    /** {@code amiPort} 0: no Asterisk (and no DEMO traffic). */
    BenchRig(Path dataDir, int amiPort, int bufferPoolMb) throws IOException {
        deleteTree(dataDir);
        Map<String, String> env = new HashMap<>(Map.of(
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_HTTP_PORT", String.valueOf(freePort()),
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_DEMO_SEED", "false",
                "SWITCHBOARD_ADMIN_PASSWORD", Tokens.newToken(),
                "SWITCHBOARD_AGI_HOST", "127.0.0.1",
                "SWITCHBOARD_AGI_PORT", String.valueOf(freePort()),
                "SWITCHBOARD_DB_POOL_SIZE", "16",
                "SWITCHBOARD_DB_EMBEDDED_BUFFER_POOL_MB", String.valueOf(bufferPoolMb)));
        if (amiPort > 0) {
            env.put("SWITCHBOARD_AMI", AMI_USER + ":" + AMI_SECRET + "@127.0.0.1:" + amiPort);
        } else {
            env.put("SWITCHBOARD_DEMO_CALLS_PER_MINUTE", "0"); // no Asterisk at all
        }
        starting = Switchboard.start(vertx, ConfigParser.parse(new JsonObject(), env, "bench"), registry);
        // from now: the embedded MariaDB may be running, and must not outlive the JVM
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            service = starting.await();
        } catch (RuntimeException e) {
            forgetShutdownHook(); // a failed start stops what it had started
            throw e;
        }
        sql = new BenchSql(service.databaseSettings());
        httpPort = service.httpPort();
    }

    /**
     * Users of {@code role} named {@code prefix1 …}, each with a session token made here (bcrypt
     * for a thousand logins would measure bcrypt); agents get queue member {@code memberName(i)}
     * and phone {@code phone(i)}. The tokens, in order.
     */
    List<String> users(String prefix, String role, int count, IntFunction<String> memberName,
                       IntFunction<String> phone) throws Exception {
        long firstId = sql.count("SELECT COALESCE(MAX(id), 0) FROM users") + 1;
        List<Object[]> users = new ArrayList<>();
        List<Object[]> agents = new ArrayList<>();
        List<Object[]> phones = new ArrayList<>();
        List<Object[]> sessions = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < count; i++) {
            long id = firstId + i;
            users.add(new Object[]{id, prefix + (i + 1), prefix + " " + (i + 1), "!bench-no-login", role});
            if (memberName != null) {
                agents.add(new Object[]{id, id, memberName.apply(i)});
                phones.add(new Object[]{phone.apply(i), id});
            }
            String token = Tokens.newToken();
            tokens.add(token);
            sessions.add(new Object[]{Tokens.sha256(token), id, now, now.plusHours(12)});
        }
        sql.batch("INSERT INTO users (id, username, display_name, password_hash, role) VALUES (?, ?, ?, ?, ?)", users);
        if (memberName != null) {
            sql.batch("INSERT INTO agents (id, user_id, member_name) VALUES (?, ?, ?)", agents);
            sql.batch("INSERT INTO agent_interfaces (interface, agent_id) VALUES (?, ?)", phones);
        }
        sql.batch("INSERT INTO api_sessions (token_sha256, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)", sessions);
        return tokens;
    }

    /** An HTTP answer: status and body. */
    record Answer(int status, Buffer body) {
    }

    /**
     * An HTTP request to the service with a bearer token; {@code body} null for none. Fails when
     * the service says nothing for {@link StallWatch#PATIENCE}, so a hung service cannot hang a part.
     */
    Future<Answer> request(HttpMethod method, String path, String token, JsonObject body) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(httpPort)
                .setURI(path).setIdleTimeout(StallWatch.PATIENCE.toMillis());
        return http().request(options).compose(request -> {
            request.putHeader("Authorization", "Bearer " + token);
            Future<HttpClientResponse> sent = body == null ? request.send()
                    : request.putHeader("Content-Type", "application/json").send(body.toBuffer());
            return sent.compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)));
        });
    }

    private synchronized HttpClientAgent http() {
        if (httpClient == null) {
            httpClient = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(250));
        }
        return httpClient;
    }

    /**
     * A WebSocket to an /api feed with a token, sent as a non-browser client does (Authorization
     * header); every text message goes to {@code onMessage}.
     */
    void listen(String path, String token, Consumer<JsonObject> onMessage) {
        connect(sockets(), httpPort, path, token, onMessage);
    }

    /**
     * The same, on a client of another Vert.x (the latency test keeps its clients apart from the
     * service); the socket, connected.
     */
    static WebSocket connect(WebSocketClient client, int port, String path, String token,
                             Consumer<JsonObject> onMessage) {
        // the handler before the connection: a message sent on connect cannot slip past it
        ClientWebSocket socket = client.webSocket();
        socket.textMessageHandler(text -> onMessage.accept(new JsonObject(text)));
        return socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path)
                .putHeader("Authorization", "Bearer " + token)).await();
    }

    private synchronized WebSocketClient sockets() {
        if (webSockets == null) {
            webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(5000));
        }
        return webSockets;
    }

    /** The AMI link(s) as the service sees them, for a failure: "link UP (…), 1 reconnect, last lost: …". */
    String amiDiagnosis() {
        List<AmiLinkStatus> links = service.amiLinks();
        return links.isEmpty() ? "no AMI link"
                : links.stream().map(AmiLinkStatus::describe).collect(Collectors.joining("; "));
    }

    /** A {@link StallWatch} for {@code part} whose failure tells the AMI link's state. */
    StallWatch stallWatch(String part, String stillness) {
        return new StallWatch(part, stillness, StallWatch.PATIENCE, Clock.systemUTC(), this::amiDiagnosis);
    }

    /** A counter's (or function counter's) total over all its tags. */
    double counter(String name) {
        return Search.in(registry).name(name).counters().stream().mapToDouble(Counter::count).sum()
                + Search.in(registry).name(name).functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
    }

    /** AMI events the service's listener has counted so far. */
    long eventsReceived() {
        return (long) counter("switchboard.ami.events.received");
    }

    /** How often the service has lost an AMI link and logged in again. */
    long reconnects() {
        return service.amiLinks().stream().mapToLong(AmiLinkStatus::reconnects).sum();
    }

    /** Fails {@code part} if the AMI link reconnected since {@code before}: what it measured would mean nothing. */
    void requireNoReconnectSince(long before, String part) {
        if (reconnects() > before) {
            throw new BenchPartFailed(part + ": the AMI link reconnected while it was measured, so its figures "
                    + "would mean nothing (" + amiDiagnosis() + ")");
        }
    }

    /**
     * Lets {@code length} pass while {@code part} measures, checking each second that the AMI link
     * did not reconnect and that {@code progress} still moves (see {@code watch}).
     */
    void measureFor(Duration length, String part, StallWatch watch, LongSupplier progress)
            throws InterruptedException {
        long reconnectsBefore = reconnects();
        long end = System.nanoTime() + length.toNanos();
        for (long left = length.toNanos(); left > 0; left = end - System.nanoTime()) {
            Thread.sleep(Math.max(1, Math.min(1000, left / 1_000_000)));
            requireNoReconnectSince(reconnectsBefore, part);
            watch.check(progress.getAsLong());
        }
    }

    /** After the simulator dropped the link on purpose: until the service has logged in and resynchronised again. */
    void awaitReconnect(long before, String part) throws InterruptedException {
        stallWatch(part, "no reconnect after the simulator dropped the AMI link")
                .awaitUntil(() -> reconnects() > before, this::reconnects, Duration.ofMillis(50));
        Thread.sleep(500); // the listeners take in the resynchronisation
    }

    @Override
    public void close() {
        forgetShutdownHook();
        try {
            stopService().await();
        } finally {
            vertx.close().await();
        }
    }

    /** Stops the service once, for whoever asks first: the part that is done, or the shutdown hook. */
    private synchronized Future<Void> stopService() {
        if (stopping == null) {
            stopping = starting.compose(Switchboard::stop);
        }
        return stopping;
    }

    /** SIGTERM or Ctrl-C: the service (still starting, or running) and its embedded MariaDB stop first. */
    private void stopOnSignal() {
        log.info("Benchmark told to stop: stopping the service and its embedded MariaDB");
        try {
            stopService().toCompletionStage().toCompletableFuture().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("The service did not stop cleanly: {}", e.toString());
        }
    }

    private void forgetShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running, or about to: it stops the service
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
