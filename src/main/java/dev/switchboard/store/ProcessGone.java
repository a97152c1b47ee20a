package dev.switchboard.store;

import java.util.function.BooleanSupplier;

/**
 * Whether a child process, told apart by an argument on its command line, has been seen running
 * and is now gone. One never seen counts as not gone: the caller's own time limit then applies.
 */
final class ProcessGone implements BooleanSupplier {

    private final String argument;
    private boolean seen;

    ProcessGone(String argument) {
        this.argument = argument;
    }

    @Override
    public boolean getAsBoolean() {
        boolean running = ProcessHandle.current().descendants()
                .anyMatch(p -> p.isAlive() && p.info().commandLine().map(c -> c.contains(argument)).orElse(false));
        seen |= running;
        return seen && !running;
    }
}
