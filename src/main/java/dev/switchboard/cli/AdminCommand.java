package dev.switchboard.cli;

import dev.switchboard.VertxFactory;
import dev.switchboard.audit.AdminAudit;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import dev.switchboard.web.NotFoundException;
import dev.switchboard.web.auth.PasswordHasher;
import dev.switchboard.web.auth.Users;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code admin reset-password USER}: a new password for a user, printed once, for the admin who
 * lost the one printed at the first start. Run on the machine (or in the container) of the service:
 * whoever can do that can read the database anyway.
 */
public final class AdminCommand implements Command {

    private final PrintStream out;
    private final PrintStream err;

    public AdminCommand() {
        this(System.out, System.err);
    }

    AdminCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public String summary() {
        return "administration from the command line: reset-password USER";
    }

    @Override
    public String help() {
        return """
                Usage: java -jar switchboard.jar admin reset-password USER [--config FILE]

                Gives USER a new random password, printed once on standard output, and ends their
                sessions. The admin audit records it (by "admin command", from "local"), never the password. Uses the database of the configuration (SWITCHBOARD_DB_URL, else the embedded
                one under SWITCHBOARD_DATA_DIR); with the embedded database it works whether the
                service is running or not.

                  --config FILE      JSON configuration file, as for serve
                """;
    }

    @Override
    public int run(List<String> args) throws Exception {
        if (args.size() < 2 || !args.get(0).equals("reset-password") || args.get(1).startsWith("-")) {
            throw new UsageException("say what to do: admin reset-password USER");
        }
        String username = args.get(1);
        Arguments a = Arguments.parse(args.subList(2, args.size()), Set.of("--config"), Set.of());
        Vertx vertx = VertxFactory.withMetrics(VertxFactory.newRegistry());
        try {
            SwitchboardConfig config = ConfigLoader.load(vertx, a.value("--config").map(Path::of)).await();
            Database database = Database.openBeside(vertx, config.database(), config.dataDir()).await();
            try {
                Migrations.migrate(vertx, database.settings()).await();
                Users.Reset reset = new Users(vertx, database.pool(), new PasswordHasher(),
                        new AdminAudit(database.pool(), Clock.systemUTC())).resetPassword(username).await();
                out.println("New password of user '" + reset.username() + "' (shown only now): " + reset.password());
                if (!reset.active()) {
                    out.println("User '" + reset.username() + "' is deactivated: an admin can make them active again.");
                }
                return 0;
            } catch (NotFoundException e) {
                err.println("switchboard admin: " + e.getMessage());
                return 1;
            } finally {
                database.close().await();
            }
        } finally {
            vertx.close().await();
        }
    }
}
