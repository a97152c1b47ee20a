package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.VertxFactory;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Settings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code serve}: runs the service until SIGTERM or Ctrl-C, then shuts down in order. */
public final class ServeCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    private static final long SHUTDOWN_SECONDS = 30;

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "run the service (the default)";
    }

    @Override
    public String help() {
        return """
                Usage: java -jar switchboard.jar serve [--config FILE]

                Runs Switchboard: HTTP API and UI, database (embedded MariaDB unless SWITCHBOARD_DB_URL
                is set), migrations, and the Asterisk connections. Stops cleanly on SIGTERM or Ctrl-C.

                  --config FILE   JSON configuration file (default: $SWITCHBOARD_CONFIG, else ./switchboard.json if present)

                Settings (environment variable, key in the JSON file, meaning):
                """ + Settings.reference();
    }

    @Override
    public int run(List<String> args) throws Exception {
        Arguments arguments = Arguments.parse(args, Set.of("--config"), Set.of());
        PrometheusMeterRegistry registry = VertxFactory.newRegistry();
        Vertx vertx = VertxFactory.withMetrics(registry);
        Switchboard service;
        try {
            service = ConfigLoader.load(vertx, arguments.value("--config").map(Path::of))
                    .compose(config -> Switchboard.start(vertx, config, registry))
                    .await();
        } catch (Exception e) {
            vertx.close().await();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down");
            try {
                service.stop().toCompletionStage().toCompletableFuture().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("Shutdown did not finish cleanly: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        }, "switchboard-shutdown"));
        stopped.await();
        return 0;
    }
}
