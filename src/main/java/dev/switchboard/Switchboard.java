package dev.switchboard;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.seed.DemoSeeding;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseReadiness;
import dev.switchboard.store.Migrations;
import dev.switchboard.web.HealthRoutes;
import dev.switchboard.web.HttpServerVerticle;
import dev.switchboard.web.MetricsRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The running service. {@link #start} is the one start-up chain: database (embedded or
 * external) → migrations → demo data on a fresh embedded database → verticles → HTTP last.
 * Whatever started before a failure is stopped again, so nothing is left half-running.
 */
public final class Switchboard {

    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);

    private final Vertx vertx;
    private final SwitchboardConfig config;
    private final PrometheusMeterRegistry registry;
    private Database database;
    private String httpDeployment;
    private HttpServerVerticle http;

    private Switchboard(Vertx vertx, SwitchboardConfig config, PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
    }

    public static Future<Switchboard> start(Vertx vertx, SwitchboardConfig config, PrometheusMeterRegistry registry) {
        Switchboard service = new Switchboard(vertx, config, registry);
        return service.startAll()
                .map(service)
                .recover(failure -> service.stop().transform(ignored -> Future.failedFuture(failure)));
    }

    private Future<Void> startAll() {
        log.info("Starting Switchboard with {}", config);
        return Database.open(vertx, config.database(), config.dataDir())
                .compose(db -> {
                    database = db;
                    return Migrations.migrate(vertx, db.settings());
                })
                .compose(migrated -> DemoSeeding.onFirstStart(vertx, database, config.demo()).map(migrated))
                .compose(migrated -> deployHttp(migrated.schemaVersion()))
                .onSuccess(v -> {
                    if (config.demoMode()) {
                        log.info("DEMO: no Asterisk configured (SWITCHBOARD_AMI is unset); showing demo data");
                    }
                    log.info("Switchboard is up: http://{}:{}/ready", config.http().host(), http.actualPort());
                });
    }

    private Future<Void> deployHttp(String schemaVersion) {
        http = new HttpServerVerticle(config.http(), List.of(
                new HealthRoutes(List.of(new DatabaseReadiness(database.pool(), schemaVersion))),
                new MetricsRoutes(registry)));
        return vertx.deployVerticle(http)
                .recover(e -> Future.failedFuture(new StartupException("cannot listen for HTTP on "
                        + config.http().host() + ":" + config.http().port() + " (" + e.getMessage()
                        + "): set SWITCHBOARD_HTTP_PORT to a free port", e)))
                .onSuccess(id -> httpDeployment = id)
                .mapEmpty();
    }

    /** Stops accepting HTTP first, then closes the database (and stops the embedded server). */
    public Future<Void> stop() {
        Future<Void> httpStopped = httpDeployment == null ? Future.succeededFuture()
                : vertx.undeploy(httpDeployment).otherwiseEmpty();
        return httpStopped.compose(v -> database == null ? Future.<Void>succeededFuture() : database.close())
                .onComplete(v -> log.info("Switchboard stopped"));
    }
}
