package dev.switchboard.ivr;

import dev.switchboard.callbacks.CallbackQueue;
import dev.switchboard.config.IvrConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The FastAGI server Asterisk's IVR calls: Asterisk-Java's AGI server on its own threads, with
 * Switchboard's scripts: {@code identify-caller}, {@code check-account}, {@code case-status},
 * {@code next-visit}, {@code request-callback}, {@code callback-result}, {@code survey-answer}.
 * Only peers on the {@link AgiAllowList} are served; others are closed unread and counted in
 * {@code switchboard_agi_refused_connections_total}.
 */
public final class FastAgiServer {

    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(3);
    /**
     * How long a connection may stay silent: Asterisk answers each AGI command at once, so a
     * silent peer is stuck or hostile and must not hold one of the server's threads.
     */
    static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final String IDENTIFY_CALLER = "identify-caller";
    private static final String CHECK_ACCOUNT = "check-account";
    private static final String CASE_STATUS = "case-status";
    private static final String NEXT_VISIT = "next-visit";
    private static final String REQUEST_CALLBACK = "request-callback";
    private static final String CALLBACK_RESULT = "callback-result";
    private static final String SURVEY_ANSWER = "survey-answer";
    private static final Set<String> SCRIPT_NAMES = Set.of(IDENTIFY_CALLER, CHECK_ACCOUNT, CASE_STATUS, NEXT_VISIT,
            REQUEST_CALLBACK, CALLBACK_RESULT, SURVEY_ANSWER);

    private final IvrConfig config;
    private final Map<String, AgiScript> scripts;
    private final AgiAllowList allowed;
    private final Counter refused;
    private DefaultAgiServer server;

    public FastAgiServer(IvrConfig config, AgiAllowList allowed, Pool pool, CallbackQueue callbacks,
                         String defaultCountry, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.allowed = allowed;
        this.refused = Counter.builder("switchboard.agi.refused.connections")
                .description("FastAGI connections closed unread: the peer is not an allowed address")
                .register(registry);
        IvrLookups lookups = new IvrLookups(pool, defaultCountry, clock);
        this.scripts = Map.of(
                IDENTIFY_CALLER, new IdentifyCallerScript(lookups, LOOKUP_TIMEOUT),
                CHECK_ACCOUNT, new CheckAccountScript(lookups, LOOKUP_TIMEOUT),
                CASE_STATUS, new CaseStatusScript(lookups, LOOKUP_TIMEOUT),
                NEXT_VISIT, new NextVisitScript(lookups, LOOKUP_TIMEOUT),
                REQUEST_CALLBACK, new RequestCallbackScript(callbacks, LOOKUP_TIMEOUT),
                CALLBACK_RESULT, new CallbackResultScript(callbacks, LOOKUP_TIMEOUT),
                SURVEY_ANSWER, new SurveyAnswerScript(lookups, LOOKUP_TIMEOUT));
    }

    /** The script names the dialplan may call: {@code AGI(agi://host:port/NAME,…)}. */
    public static Set<String> scriptNames() {
        return SCRIPT_NAMES;
    }

    /** Listens; completes once the port is bound (fails if it cannot be). */
    public Future<Void> start() {
        Promise<Void> bound = Promise.promise();
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(scripts);
        server = new DefaultAgiServer(mapping) {
            @Override
            protected ServerSocketFacade createServerSocket() throws IOException {
                try {
                    ServerSocketFacade socket = new AllowListServerSocket(super.createServerSocket(), allowed, refused);
                    socket.setSocketReadTimeout(READ_TIMEOUT_MILLIS);
                    bound.tryComplete();
                    return socket;
                } catch (IOException e) {
                    bound.tryFail(e);
                    throw e;
                }
            }
        };
        server.setPort(config.port());
        try {
            server.setAddress(InetAddress.getByName(config.host()));
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        Thread acceptor = new Thread(() -> {
            try {
                server.startup();
            } catch (IOException e) {
                bound.tryFail(e);
            }
        }, "fastagi-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return bound.future().onSuccess(v -> log.info("FastAGI listening on {}:{} ({}) for {}", config.host(),
                config.port(), String.join(", ", scripts.keySet()), allowed));
    }

    public void stop() {
        if (server != null) {
            try {
                server.shutdown();
            } catch (IllegalStateException e) {
                log.debug("FastAGI server was not running: {}", e.getMessage());
            }
        }
    }
}
