package dev.switchboard.ivr;

import dev.switchboard.config.IvrConfig;
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

/**
 * The FastAGI server Asterisk's IVR calls: Asterisk-Java's AGI server on its own threads, with
 * Switchboard's scripts ({@code identify-caller}, {@code check-account}, {@code case-status}).
 */
public final class FastAgiServer {

    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(3);

    private final IvrConfig config;
    private final Map<String, AgiScript> scripts;
    private DefaultAgiServer server;

    public FastAgiServer(IvrConfig config, Pool pool, String defaultCountry, Clock clock) {
        this.config = config;
        IvrLookups lookups = new IvrLookups(pool, defaultCountry, clock);
        this.scripts = Map.of(
                "identify-caller", new IdentifyCallerScript(lookups, LOOKUP_TIMEOUT),
                "check-account", new CheckAccountScript(lookups, LOOKUP_TIMEOUT),
                "case-status", new CaseStatusScript(lookups, LOOKUP_TIMEOUT));
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
                    ServerSocketFacade socket = super.createServerSocket();
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
        return bound.future().onSuccess(v -> log.info("FastAGI listening on {}:{} ({})", config.host(), config.port(),
                String.join(", ", scripts.keySet())));
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
