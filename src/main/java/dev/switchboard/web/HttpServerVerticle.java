package dev.switchboard.web;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.HttpConfig;
import dev.switchboard.web.auth.AuthRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Serves every capability's routes on one port, over HTTPS when a certificate is configured (taking
 * a renewed one without a restart), with the security headers on every response; deployed last,
 * once everything else is up.
 */
public final class HttpServerVerticle extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(HttpServerVerticle.class);
    static final long MAX_BODY_BYTES = 256 * 1024;

    private final HttpConfig config;
    private final List<RouteModule> modules;
    private HttpServer server;
    private Router router;
    private CertificateReloader certificates;

    public HttpServerVerticle(HttpConfig config, List<RouteModule> modules) {
        this.config = config;
        this.modules = List.copyOf(modules);
    }

    @Override
    public Future<?> start() {
        router = Router.router(vertx);
        router.route().handler(SecurityHeaders::attach);
        router.route().handler(new ClientAddress(config.trustedProxies())::attach);
        BodyHandler bodies = BodyHandler.create().setBodyLimit(MAX_BODY_BYTES);
        // a WebSocket upgrade has no body, and reading it would make the upgrade impossible
        router.route().handler(ctx -> {
            if (isWebSocketUpgrade(ctx.request())) {
                ctx.next();
            } else {
                bodies.handle(ctx);
            }
        });
        modules.forEach(module -> module.mount(router));
        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(ProblemMapper::handle);
        return serverOptions().compose(options -> vertx.createHttpServer(options)
                .requestHandler(router)
                .listen(config.port(), config.host())
                .onSuccess(s -> {
                    server = s;
                    log.info("{} listening on {}:{}", options.isSsl() ? "HTTPS" : "HTTP", config.host(), s.actualPort());
                    if (certificates != null) {
                        certificates.watch(s, options.getSslOptions());
                    }
                }));
    }

    /**
     * Plain HTTP, or HTTPS with the configured certificate, which must be usable now. A browser
     * that offers a WebSocket ticket as a subprotocol fails the handshake unless one is chosen.
     */
    private Future<HttpServerOptions> serverOptions() {
        HttpServerOptions options = new HttpServerOptions().setWebSocketSubProtocols(List.of(AuthRoutes.TICKET_PROTOCOL));
        if (config.tls().isEmpty()) {
            return Future.succeededFuture(options);
        }
        certificates = new CertificateReloader(vertx, config.tls().get());
        return certificates.first()
                .recover(e -> Future.failedFuture(e instanceof TlsCertificate.Unusable
                        ? new ConfigException(e.getMessage()) : e))
                .map(pair -> options.setSsl(true).setKeyCertOptions(pair.options()));
    }

    public static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** Every route as "METHOD /path" ({@code :id} kept as it is written), for the API document's check. */
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() != null && route.methods() != null) {
                route.methods().forEach(method -> routes.add(method.name() + " " + route.getPath()));
            }
        }
        return routes;
    }

    /** The port actually bound (differs from the configured one only in tests that ask for any port). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        if (certificates != null) {
            certificates.stop();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }
}
