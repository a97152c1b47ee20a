package dev.switchboard.cli;

import dev.switchboard.VertxFactory;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.seed.DemoSeeder;
import dev.switchboard.seed.SeedProgressLog;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** {@code seed}: writes deterministic demo data into the configured (or embedded) database. */
public final class SeedCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(SeedCommand.class);

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String summary() {
        return "write deterministic demo data (accounts, engineers, cases, visits, calls)";
    }

    @Override
    public String help() {
        return """
                Usage: java -jar switchboard.jar seed [--accounts N] [--random-seed S] [--anchor YYYY-MM-DD] [--reset] [--config FILE]

                Writes demo data into an empty database: accounts with phone numbers and addresses,
                engineers across regions and skills, past calls, cases with their history, visits,
                engineer reports and surveys. The same options always give the same rows.

                  --accounts N       number of accounts (default 2000; about 10 history rows each)
                  --random-seed S    seed of the generator (default 42)
                  --anchor DATE      the "today" of the data: history before it, booked visits after (default: today, UTC)
                  --reset            delete existing rows of the demo tables first
                  --config FILE      JSON configuration file, as for serve

                Uses the database of the configuration: SWITCHBOARD_DB_URL, else the embedded one under SWITCHBOARD_DATA_DIR.
                """;
    }

    @Override
    public int run(List<String> args) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--accounts", "--random-seed", "--anchor", "--config"),
                Set.of("--reset"));
        DemoSeeder.Options options = new DemoSeeder.Options(
                a.intValue("--accounts", 2000, 0, 10_000_000),
                a.intValue("--random-seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE),
                a.value("--anchor").map(SeedCommand::date).orElse(LocalDate.now(ZoneOffset.UTC)),
                a.flag("--reset"));
        Vertx vertx = VertxFactory.withMetrics(VertxFactory.newRegistry());
        try {
            Database database = ConfigLoader.load(vertx, a.value("--config").map(Path::of))
                    .compose(config -> Database.openBeside(vertx, config.database(), config.dataDir()))
                    .await();
            try {
                Migrations.migrate(vertx, database.settings()).await();
                DemoSeeder.Result result = vertx.executeBlocking(() ->
                        DemoSeeder.seed(database.settings(), options, SeedProgressLog.every(5)), false).await();
                log.info("Seeded {} accounts and {} engineers: {} rows in {} s", result.accounts(),
                        result.engineers(), result.rows(), result.took().toMillis() / 1000.0);
            } finally {
                database.close().await();
            }
        } finally {
            vertx.close().await();
        }
        return 0;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("--anchor must be a date like 2026-11-22, not '" + text + "'");
        }
    }
}
