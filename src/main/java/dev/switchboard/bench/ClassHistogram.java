package dev.switchboard.bench;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects on the heap by class (after a full GC, as {@code jcmd GC.class_histogram}
 * gives them), so that a growing heap can be put down to what grows.
 */
final class ClassHistogram {

    /** {@code   12:        3400        163200  java.lang.String (java.base@17)} */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    record Entry(long instances, long bytes) {
    }

    private final Map<String, Entry> byClass;

    private ClassHistogram(Map<String, Entry> byClass) {
        this.byClass = byClass;
    }

    static ClassHistogram take() {
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[]{new String[0]}, new String[]{String[].class.getName()});
            return parse(text);
        } catch (JMException e) {
            throw new IllegalStateException("no class histogram from this JVM: " + e.getMessage(), e);
        }
    }

    static ClassHistogram parse(String text) {
        Map<String, Entry> byClass = new HashMap<>();
        text.lines().map(ROW::matcher).filter(Matcher::matches).forEach(m -> byClass.merge(m.group(3),
                new Entry(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                (a, b) -> new Entry(a.instances() + b.instances(), a.bytes() + b.bytes())));
        return new ClassHistogram(byClass);
    }

    /** A Markdown table of the {@code top} classes whose bytes grew most from {@code before} to this. */
    String growthSince(ClassHistogram before, int top) {
        StringBuilder md = new StringBuilder("| class | instances before | after | MiB before | after | growth MiB |\n"
                + "|---|---|---|---|---|---|\n");
        byClass.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Entry> e) -> grownBytes(before, e)).reversed())
                .limit(top)
                .forEach(e -> {
                    Entry was = before.byClass.getOrDefault(e.getKey(), new Entry(0, 0));
                    md.append(String.format(Locale.ROOT, "| `%s` | %,d | %,d | %.2f | %.2f | %+.2f |%n", e.getKey(),
                            was.instances(), e.getValue().instances(), was.bytes() / 1048576.0,
                            e.getValue().bytes() / 1048576.0, grownBytes(before, e) / 1048576.0));
                });
        return md.toString();
    }

    private static long grownBytes(ClassHistogram before, Map.Entry<String, Entry> now) {
        return now.getValue().bytes() - before.byClass.getOrDefault(now.getKey(), new Entry(0, 0)).bytes();
    }
}
