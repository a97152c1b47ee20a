package dev.switchboard.bench;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Java Flight Recorder profile of one stretch of the benchmark (JFR's "profile" settings, kept
 * as a .jfr file beside the report), summed up as where the CPU samples fell: by kind of work,
 * and the methods most often on top.
 */
final class HotPath implements AutoCloseable {

    private final Recording recording;
    private final Path file;

    private HotPath(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    static HotPath start(Path file) throws IOException, ParseException {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setToDisk(true);
        recording.start();
        return new HotPath(recording, file);
    }

    /** Stops recording, writes the file and sums up its execution samples as Markdown. */
    String stopAndSummarise() throws IOException {
        recording.stop();
        recording.dump(file);
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> methods = new TreeMap<>();
        Map<String, Integer> ours = new TreeMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            RecordedStackTrace stack = event.getStackTrace();
            String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
            kinds.merge(kind(thread, stack.getFrames()), 1, Integer::sum);
            if (!stack.getFrames().isEmpty()) {
                methods.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
            }
            stack.getFrames().stream().filter(HotPath::service).findFirst()
                    .ifPresent(frame -> ours.merge(name(frame), 1, Integer::sum));
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "CPU samples (JFR, `%s`): %d.%n%n| work | share |%n|---|---|%n", file.getFileName(), samples));
        for (Map.Entry<String, Integer> e : sorted(kinds, Map.Entry::getValue)) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f %% |%n", e.getKey(), 100.0 * e.getValue() / samples));
        }
        table(md, "Most often on top of the stack", methods, samples);
        table(md, "Switchboard's own methods nearest the top of those stacks (the service's hot path)", ours, samples);
        return md.toString();
    }

    private static void table(StringBuilder md, String title, Map<String, Integer> counts, int samples) {
        md.append('\n').append(title).append(":\n\n| method | share of all samples |\n|---|---|\n");
        for (Map.Entry<String, Integer> e : sorted(counts, Map.Entry::getValue).subList(0, Math.min(12, counts.size()))) {
            md.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", e.getKey(), 100.0 * e.getValue() / samples));
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static boolean service(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.startsWith("dev.switchboard.") && !type.startsWith("dev.switchboard.sim.")
                && !type.startsWith("dev.switchboard.bench.");
    }

    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> counts,
                                                         Function<Map.Entry<String, Integer>, Integer> by) {
        return counts.entrySet().stream().sorted((a, b) -> Integer.compare(by.apply(b), by.apply(a)))
                .collect(Collectors.toList());
    }

    /** Which part of the process a sample belongs to, from its thread and frames. */
    private static String kind(String thread, List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("dev.switchboard.sim.") || type.startsWith("dev.switchboard.bench.")) {
                return "the benchmark itself (simulator sending, clients)";
            }
        }
        if (thread.startsWith("Asterisk-Java")) {
            return "Asterisk-Java's reader: parsing AMI into events, then Switchboard's listener (translate, post)";
        }
        if (thread.startsWith("vert.x-eventloop")) {
            return "Vert.x event loops: journeys, queue board, pops, HTTP/WebSocket, SQL client";
        }
        if (thread.startsWith("vert.x-worker") || thread.startsWith("vert.x-internal-blocking")) {
            return "Vert.x workers: JDBC to MariaDB, blocking work";
        }
        return "other threads";
    }

    @Override
    public void close() {
        recording.close();
    }
}
