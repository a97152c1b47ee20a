package dev.switchboard.web;

import dev.switchboard.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ServerSSLOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Reads the certificate and key files again every few seconds and, when either has changed, gives
 * the HTTPS server the new pair without a restart: a certificate renewed by certbot (or copied in
 * by hand) is served from the next connection on. A new pair that cannot be served (unreadable,
 * not PEM, a key that is not the certificate's) is refused with a warning, once per problem, and the
 * old one keeps serving. The files are compared by content, so a renewal within the same second as
 * the last one, or one that keeps the modification time, is still seen.
 */
final class CertificateReloader {

    static final Duration CHECK_EVERY = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(CertificateReloader.class);

    private final Vertx vertx;
    private final HttpConfig.Tls files;
    private ServerSSLOptions sslOptions;
    private HttpServer server;
    private TlsCertificate serving;
    private TlsCertificate refused;
    private long timer = -1;
    private String lastWarning;
    private boolean checking;

    CertificateReloader(Vertx vertx, HttpConfig.Tls files) {
        this.vertx = vertx;
        this.files = files;
    }

    /** The pair to start with; fails with the reason, naming the setting, when it cannot be served. */
    Future<TlsCertificate> first() {
        return vertx.executeBlocking(() -> TlsCertificate.read(files).check(vertx), false)
                .onSuccess(pair -> {
                    serving = pair;
                    log.info("HTTPS serves the certificate for {}, valid until {}", pair.first().getSubjectX500Principal()
                            .getName(), pair.first().getNotAfter().toInstant());
                });
    }

    /**
     * Starts watching the files for the server now listening with {@link #first}'s pair.
     *
     * @param sslOptions the server's TLS options, of which a new pair replaces only the key and certificate
     */
    void watch(HttpServer server, ServerSSLOptions sslOptions) {
        this.server = server;
        this.sslOptions = sslOptions.copy();
        timer = vertx.setPeriodic(CHECK_EVERY.toMillis(), id -> check());
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void check() {
        if (checking) {
            return;
        }
        checking = true;
        vertx.executeBlocking(() -> TlsCertificate.read(files), false)
                .compose(this::takeIfNew)
                .onSuccess(v -> lastWarning = null)
                .onFailure(this::warn)
                .onComplete(done -> checking = false);
    }

    private Future<Void> takeIfNew(TlsCertificate pair) {
        if (pair.sameAs(serving) || pair.sameAs(refused)) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> pair.check(vertx), false)
                .compose(checked -> server.updateSSLOptions(sslOptions.copy().setKeyCertOptions(checked.options()))
                        .map(updated -> checked))
                .onSuccess(checked -> {
                    serving = checked;
                    refused = null;
                    log.info("HTTPS now serves the certificate for {}, valid until {}",
                            checked.first().getSubjectX500Principal().getName(), checked.first().getNotAfter().toInstant());
                })
                .onFailure(e -> refused = pair)
                .mapEmpty();
    }

    /** Once per problem, not at every check while it lasts. */
    private void warn(Throwable failure) {
        String warning = failure instanceof TlsCertificate.Unusable ? failure.getMessage() : failure.toString();
        if (!warning.equals(lastWarning)) {
            lastWarning = warning;
            log.warn("HTTPS keeps its current certificate, the new files cannot be served: {}", warning);
        }
    }
}
