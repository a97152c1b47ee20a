package dev.switchboard.testing;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.Recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which events Asterisk 22 sends one AMI login, decided as {@code main/manager.c} decides it
 * (Asterisk 22.1 and later), so a test can apply a manager.conf login to a real recording:
 * <ul>
 *   <li>an event goes to the session only if every class of its {@code Privilege} (but "all") is
 *       one of the login's {@code read} classes;</li>
 *   <li>then its {@code eventfilter} lines: none, everything passes; include lines only, an event
 *       passes if one matches; exclude lines only, it passes unless one matches; both, it must
 *       match an include line and no exclude line.</li>
 * </ul>
 * A line is legacy ({@code eventfilter = [!]REGEX}, the regular expression searched in the whole
 * event) or advanced ({@code eventfilter(action(include|exclude),name(Event),header(Name),
 * method(regex|exact|starts_with|ends_with|contains|none)) = [pattern]}): {@code name} compares
 * the event's name, {@code header} narrows the pattern to the values of that header (a line that
 * starts with "Name:"; empty values skipped), and the rules for what may be combined are
 * manager.c's ({@code manager_add_filter}). Regular expressions are Java's here and POSIX extended
 * in Asterisk: keep to what both read alike.
 * <p>
 * Answers to the session's own actions (QueueStatus's QueueParams and QueueMember,
 * CoreShowChannels's CoreShowChannel) are written straight to the session and never filtered:
 * {@link #apply} keeps a recording's snapshots and filters its live stream only.
 */
public final class AmiEventFilter {

    enum Method { REGEX, EXACT, STARTS_WITH, ENDS_WITH, CONTAINS, NONE }

    /** One eventfilter line. */
    record Line(boolean exclude, String eventName, String header, Method method, String pattern, Pattern regex) {

        boolean matches(String eventName, String payload) {
            if (this.eventName != null && !this.eventName.equals(eventName)) {
                return false;
            }
            if (header == null) {
                return matchesData(payload);
            }
            for (String line : payload.split("\r\n")) {
                if (line.startsWith(header)) {
                    String value = line.substring(header.length()).replaceFirst("^[ \t]+", "");
                    if (!value.isEmpty() && matchesData(value)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean matchesData(String data) {
            return switch (method) {
                case REGEX -> regex.matcher(data).find();
                case EXACT -> data.equals(pattern);
                case STARTS_WITH -> data.startsWith(pattern);
                case ENDS_WITH -> data.endsWith(pattern);
                case CONTAINS -> data.contains(pattern);
                case NONE -> true;
            };
        }
    }

    private final Set<String> readClasses;
    private final List<Line> includes;
    private final List<Line> excludes;

    private AmiEventFilter(Set<String> readClasses, List<Line> includes, List<Line> excludes) {
        this.readClasses = readClasses;
        this.includes = includes;
        this.excludes = excludes;
    }

    /** The login of a manager.conf section: its read classes and its eventfilter lines. */
    public static AmiEventFilter of(AsteriskConf.Section login) {
        Set<String> read = new TreeSet<>();
        login.values("read").forEach(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(c -> !c.isEmpty()).forEach(read::add));
        List<Line> includes = new ArrayList<>();
        List<Line> excludes = new ArrayList<>();
        for (AsteriskConf.Entry entry : login.entries()) {
            if (entry.key().startsWith("eventfilter")) {
                Line line = line(entry.key(), entry.value());
                (line.exclude() ? excludes : includes).add(line);
            }
        }
        return new AmiEventFilter(read, List.copyOf(includes), List.copyOf(excludes));
    }

    /** A login with these read classes and no eventfilter: what it gets without filtering. */
    public AmiEventFilter withoutEventFilters() {
        return new AmiEventFilter(readClasses, List.of(), List.of());
    }

    public int eventFilterLines() {
        return includes.size() + excludes.size();
    }

    /**
     * One eventfilter line as manager.c's manager_add_filter reads it; a line Asterisk refuses
     * throws {@link IllegalArgumentException} (Asterisk logs a warning and ignores it).
     */
    static Line line(String criteria, String value) {
        String pattern = value == null ? "" : value;
        boolean exclude = false;
        if (pattern.startsWith("!")) {
            exclude = true;
            pattern = pattern.substring(1);
        }
        Method method = Method.REGEX;
        String eventName = null;
        String header = null;
        int open = criteria.indexOf('(');
        if (open < 0) {
            if (!criteria.equals("eventfilter")) {
                throw new IllegalArgumentException("not an eventfilter: " + criteria);
            }
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("a legacy filter needs a pattern: " + criteria);
            }
        } else {
            String options = criteria.substring(open + 1).strip();
            if (options.isEmpty() || !options.endsWith(")")) {
                throw new IllegalArgumentException("filter options not formatted correctly: " + criteria);
            }
            method = Method.NONE;
            boolean any = false;
            boolean named = false;
            for (String option : options.split("[ ,)]+")) {
                if (option.isEmpty()) {
                    continue;
                }
                int paren = option.indexOf('(');
                String argument = paren < 0 ? "" : option.substring(paren + 1).strip();
                if (option.startsWith("action")) {
                    if (argument.equals("include")) {
                        exclude = false;
                    } else if (argument.equals("exclude")) {
                        exclude = true;
                    } else {
                        throw new IllegalArgumentException("unknown action in " + criteria);
                    }
                } else if (option.startsWith("name")) {
                    requireArgument(argument, criteria);
                    eventName = argument;
                    named = true;
                } else if (option.startsWith("header")) {
                    requireArgument(argument, criteria);
                    header = argument.endsWith(":") ? argument : argument + ":";
                    named = true;
                } else if (option.startsWith("method")) {
                    requireArgument(argument, criteria);
                    try {
                        method = Method.valueOf(argument.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown method in " + criteria, e);
                    }
                } else {
                    throw new IllegalArgumentException("unknown filter option '" + option + "' in " + criteria);
                }
                any = true;
            }
            if (!any) {
                throw new IllegalArgumentException("no action, name, header or method in " + criteria);
            }
            if (pattern.isEmpty() && method != Method.NONE) {
                throw new IllegalArgumentException("method " + method + " needs a pattern: " + criteria);
            }
            if (!pattern.isEmpty() && method == Method.NONE) {
                throw new IllegalArgumentException("a pattern needs a method: " + criteria + " = " + value);
            }
            if (!named && method == Method.NONE) {
                throw new IllegalArgumentException("no name or header and no pattern: " + criteria);
            }
        }
        Pattern regex = method == Method.REGEX && !pattern.isEmpty() ? Pattern.compile(pattern) : null;
        return new Line(exclude, eventName, header, method, pattern, regex);
    }

    private static void requireArgument(String argument, String criteria) {
        if (argument.isEmpty()) {
            throw new IllegalArgumentException("an option without its value in " + criteria);
        }
    }

    /** Whether Asterisk sends this event to the login (anything but an event always goes). */
    public boolean sends(AmiMessage message) {
        if (!message.isEvent()) {
            return true;
        }
        for (String category : message.getOrEmpty("Privilege").split(",")) {
            String c = category.trim();
            if (!c.isEmpty() && !c.equals("all") && !readClasses.contains(c)) {
                return false;
            }
        }
        if (includes.isEmpty() && excludes.isEmpty()) {
            return true;
        }
        String name = message.getOrEmpty("Event");
        String payload = payload(message);
        boolean included = includes.isEmpty() || includes.stream().anyMatch(l -> l.matches(name, payload));
        return included && excludes.stream().noneMatch(l -> l.matches(name, payload));
    }

    /** The recording as this login would have received it: snapshots as they are, the live stream filtered. */
    public Recording apply(Recording recording) {
        return new Recording(recording.banner(), recording.snapshots(),
                recording.stream().stream().filter(t -> sends(t.message())).toList());
    }

    /** The event as Asterisk holds it when filtering: "Key: value" lines, each ended by CR LF. */
    private static String payload(AmiMessage message) {
        StringBuilder text = new StringBuilder();
        message.fields().forEach(f -> text.append(f.key()).append(": ").append(f.value()).append("\r\n"));
        return text.toString();
    }
}
