package dev.switchboard.cli;

import java.util.List;

/** One subcommand of {@code java -jar switchboard.jar}. */
public interface Command {

    String name();

    String summary();

    /** The text of {@code <command> --help}. */
    String help();

    /** Runs the command; the return value is the process exit code. */
    int run(List<String> args) throws Exception;
}
