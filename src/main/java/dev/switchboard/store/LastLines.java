package dev.switchboard.store;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last few lines a child process printed, for an error message that shows them. */
final class LastLines {

    private final int kept;
    private final Deque<String> lines = new ArrayDeque<>();

    LastLines(int kept) {
        this.kept = kept;
    }

    synchronized void add(String line) {
        if (lines.size() == kept) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized String lastLines() {
        return lines.isEmpty() ? "(nothing)" : String.join("\n", lines);
    }
}
