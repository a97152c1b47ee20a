package dev.switchboard.seed;

import dev.switchboard.config.DemoConfig;
import dev.switchboard.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fills a brand-new embedded database with demo data, so a first start has something to show. */
public final class DemoSeeding {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeding.class);

    private DemoSeeding() {
    }

    public static Future<Void> onFirstStart(Vertx vertx, Database database, DemoConfig demo) {
        if (!database.isEmbedded() || !demo.seedOnFirstStart() || demo.accounts() == 0) {
            return Future.succeededFuture();
        }
        return database.pool().query(SeedSql.COUNT_ACCOUNTS).execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .compose(existing -> existing > 0 ? Future.succeededFuture() : vertx.executeBlocking(() -> {
                    log.info("DEMO: empty embedded database, writing demo data for {} accounts", demo.accounts());
                    DemoSeeder.Result result = DemoSeeder.seed(database.settings(),
                            DemoSeeder.Options.defaults(demo.accounts()), SeedProgressLog.every(10));
                    log.info("DEMO: wrote {} rows ({} accounts, {} engineers) in {} ms", result.rows(),
                            result.accounts(), result.engineers(), result.took().toMillis());
                    return null;
                }, false));
    }
}
