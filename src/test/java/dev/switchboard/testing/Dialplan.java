package dev.switchboard.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An extensions.conf read step by step: every priority of every context with the application it
 * runs, the contexts, the globals, and where each step may send the call.
 */
public final class Dialplan {

    private static final Pattern APPLICATION = Pattern.compile("(\\w+)\\((.*)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** One priority of the dialplan: where it is and the application it runs. */
    public record Step(String context, String exten, String label, String application, String arguments) {

        /** The channel variables this step reads ({@code ${NAME}}, not functions such as {@code ${CHANNEL(x)}}). */
        public Set<String> variablesRead() {
            Set<String> read = new TreeSet<>();
            Matcher m = VARIABLE.matcher(arguments);
            while (m.find()) {
                read.add(m.group(1));
            }
            return read;
        }
    }

    private final Map<String, AsteriskConf.Section> contexts;
    private final Map<String, String> globals;
    private final List<Step> steps;

    private Dialplan(Map<String, AsteriskConf.Section> contexts, Map<String, String> globals, List<Step> steps) {
        this.contexts = contexts;
        this.globals = globals;
        this.steps = steps;
    }

    public static Dialplan read(Path extensionsConf) throws IOException {
        Map<String, AsteriskConf.Section> sections = AsteriskConf.read(extensionsConf).objects();
        Map<String, String> globals = new LinkedHashMap<>();
        if (sections.containsKey("globals")) {
            sections.get("globals").entries().forEach(e -> globals.put(e.key(), e.value()));
        }
        Map<String, AsteriskConf.Section> contexts = new LinkedHashMap<>(sections);
        contexts.keySet().removeAll(Set.of("general", "globals"));
        return new Dialplan(contexts, globals, steps(contexts));
    }

    public Map<String, AsteriskConf.Section> contexts() {
        return contexts;
    }

    public Map<String, String> globals() {
        return globals;
    }

    public List<Step> steps() {
        return steps;
    }

    /** The steps of one extension after the given one, in order. */
    public List<Step> after(Step step) {
        int at = steps.indexOf(step);
        return steps.subList(at + 1, steps.size()).stream()
                .filter(s -> s.context().equals(step.context()) && s.exten().equals(step.exten())).toList();
    }

    /** The steps of one context, every extension. */
    public List<Step> stepsOf(String context) {
        return steps.stream().filter(s -> s.context().equals(context)).toList();
    }

    /** Where a step may send the call: Goto, both branches of GotoIf, a hangup handler. */
    public static List<String> destinations(Step step) {
        return switch (step.application()) {
            case "Goto" -> List.of(step.arguments());
            case "GotoIf" -> Arrays.stream(step.arguments().substring(step.arguments().lastIndexOf('?') + 1)
                    .split(":")).filter(d -> !d.isBlank()).toList();
            case "Set" -> step.arguments().startsWith("CHANNEL(hangup_handler_push)=")
                    ? List.of(step.arguments().substring(step.arguments().indexOf('=') + 1)) : List.of();
            default -> List.of();
        };
    }

    /** Whether the context has the extension, literally or through a pattern. */
    public boolean hasExtension(String context, String exten) {
        AsteriskConf.Section section = contexts.get(context);
        if (section == null) {
            return false;
        }
        return section.values("exten").stream().map(v -> v.split(",")[0].trim())
                .anyMatch(e -> e.equals(exten) || (e.startsWith("_") && exten.matches(patternRegex(e))));
    }

    /** An extension pattern as a regular expression: X, Z, N, [..], '.' and '!'. */
    static String patternRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.substring(1).toCharArray()) {
            regex.append(switch (c) {
                case 'X' -> "[0-9]";
                case 'Z' -> "[1-9]";
                case 'N' -> "[2-9]";
                case '.' -> ".+";
                case '!' -> ".*";
                case '[', ']', '-' -> String.valueOf(c);
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return regex.toString();
    }

    private static List<Step> steps(Map<String, AsteriskConf.Section> contexts) {
        List<Step> out = new ArrayList<>();
        contexts.forEach((context, section) -> {
            String exten = null;
            for (AsteriskConf.Entry e : section.entries()) {
                String rest;
                if (e.key().equals("exten")) {
                    String[] parts = e.value().split(",", 3);
                    exten = parts[0].trim();
                    rest = parts[1].trim() + "," + parts[2].trim();
                } else if (e.key().equals("same")) {
                    rest = e.value();
                } else {
                    continue;
                }
                int comma = rest.indexOf(',');
                String priority = rest.substring(0, comma).trim();
                String label = priority.contains("(") ? priority.substring(priority.indexOf('(') + 1,
                        priority.indexOf(')')) : null;
                Matcher app = APPLICATION.matcher(rest.substring(comma + 1).trim());
                if (!app.matches()) {
                    throw new IllegalArgumentException("not an application call: " + rest);
                }
                out.add(new Step(context, exten, label, app.group(1), app.group(2)));
            }
        });
        return List.copyOf(out);
    }
}
