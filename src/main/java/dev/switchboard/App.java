package dev.switchboard;

import dev.switchboard.cli.AdminCommand;
import dev.switchboard.cli.BenchCommand;
import dev.switchboard.cli.Command;
import dev.switchboard.cli.SeedCommand;
import dev.switchboard.cli.SimCommand;
import dev.switchboard.cli.ServeCommand;
import dev.switchboard.cli.UsageException;
import dev.switchboard.config.ConfigException;
import dev.switchboard.seed.SeedRefusedException;
import dev.switchboard.store.DatabaseUnavailableException;

import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar switchboard.jar [command] [options]}. Failures the operator can fix end the
 * process with one line on stderr that says what to fix, and a non-zero exit code.
 */
public final class App {

    static final int EXIT_USAGE = 64;
    static final int EXIT_CANNOT_START = 78;
    static final int EXIT_FAILED = 1;

    private static final List<Command> COMMANDS = List.of(new ServeCommand(), new SeedCommand(), new SimCommand(),
            new BenchCommand(), new AdminCommand());

    private App() {
    }

    public static void main(String[] argv) {
        System.exit(run(List.of(argv)));
    }

    static int run(List<String> argv) {
        if (!argv.isEmpty() && List.of("--help", "-h", "help").contains(argv.get(0))) {
            System.out.println(usage());
            return 0;
        }
        if (!argv.isEmpty() && List.of("--version", "-V", "version").contains(argv.get(0))) {
            System.out.println(version());
            return 0;
        }
        // With no command name (nothing, or options only) the service runs.
        boolean named = !argv.isEmpty() && !argv.get(0).startsWith("-");
        String name = named ? argv.get(0) : "serve";
        List<String> rest = named ? argv.subList(1, argv.size()) : argv;
        Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
        if (command.isEmpty()) {
            System.err.println("switchboard: unknown command '" + name + "'\n" + usage());
            return EXIT_USAGE;
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            System.out.println(command.get().help());
            return 0;
        }
        try {
            return command.get().run(rest);
        } catch (UsageException e) {
            System.err.println("switchboard " + name + ": " + e.getMessage() + " (see: switchboard " + name + " --help)");
            return EXIT_USAGE;
        } catch (ConfigException | DatabaseUnavailableException | StartupException | SeedRefusedException e) {
            System.err.println("switchboard: cannot " + name + ": " + e.getMessage());
            return EXIT_CANNOT_START;
        } catch (Exception e) {
            System.err.println("switchboard: " + name + " failed: " + describe(e));
            e.printStackTrace();
            return EXIT_FAILED;
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The version the jar was built as (its manifest), and the Java it runs on. */
    static String version() {
        String built = Optional.ofNullable(App.class.getPackage().getImplementationVersion()).orElse("(development build)");
        return "Switchboard " + built + " (Java " + Runtime.version() + ", " + System.getProperty("java.vm.name") + ")";
    }

    static String usage() {
        StringBuilder out = new StringBuilder("Usage: java -jar switchboard.jar [command] [options]\n\nCommands:\n");
        for (Command c : COMMANDS) {
            out.append(String.format("  %-8s %s%n", c.name(), c.summary()));
        }
        out.append("\n'<command> --help' describes each. With no command, serve runs. --version prints the version.");
        return out.toString();
    }
}
