package dev.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Asterisk configuration file as Asterisk reads it: sections ({@code [name]}, templates
 * {@code [name](!)}, sections built on templates {@code [name](a,b)}), each a list of
 * {@code key = value} or {@code key => value} lines; {@code ;} starts a comment. A directive
 * ({@code #include FILE}, {@code #tryinclude FILE}) is kept as an entry of its section with the
 * directive as key ({@code "#tryinclude"}) and the file as value; it is not followed.
 */
public record AsteriskConf(List<Section> sections) {

    private static final Pattern HEADER = Pattern.compile("\\[([^\\]]+)\\](?:\\(([^)]*)\\))?");

    public record Entry(String key, String value) {
    }

    public record Section(String name, boolean template, List<String> templates, List<Entry> entries) {

        public List<String> values(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
        }

        public Optional<String> value(String key) {
            List<String> values = values(key);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
        }
    }

    public static AsteriskConf read(Path file) throws IOException {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.replaceAll("(?<!\\\\);.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#") && current != null) {
                String[] directive = line.split("\\s+", 2);
                current.entries().add(new Entry(directive[0], directive.length > 1 ? directive[1].trim() : ""));
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                List<String> options = header.group(2) == null ? List.of()
                        : List.of(header.group(2).replace(" ", "").split(","));
                current = new Section(header.group(1).trim(), options.contains("!"),
                        options.stream().filter(o -> !o.equals("!") && !o.isEmpty()).toList(), new ArrayList<>());
                sections.add(current);
                continue;
            }
            int arrow = line.indexOf("=>");
            int equals = line.indexOf('=');
            int split = arrow >= 0 && arrow <= equals ? arrow : equals;
            if (current == null || split < 0) {
                throw new IllegalArgumentException(file.getFileName() + ": not a setting: " + raw);
            }
            current.entries().add(new Entry(line.substring(0, split).trim(),
                    line.substring(split + (split == arrow ? 2 : 1)).trim()));
        }
        return new AsteriskConf(sections);
    }

    /** Every section that is not a template, each with its templates' settings (pjsip.conf's objects). */
    public List<Section> resolved() {
        return sections.stream().filter(s -> !s.template()).map(this::resolve).toList();
    }

    /** The sections that are not templates, by name (sections of one name merged, in order). */
    public Map<String, Section> objects() {
        Map<String, Section> byName = new LinkedHashMap<>();
        for (Section s : sections) {
            if (s.template()) {
                continue;
            }
            Section resolved = resolve(s);
            byName.merge(s.name(), resolved, (a, b) -> {
                List<Entry> both = new ArrayList<>(a.entries());
                both.addAll(b.entries());
                return new Section(a.name(), false, List.of(), both);
            });
        }
        return byName;
    }

    /** A section with its templates' settings before its own. */
    private Section resolve(Section s) {
        List<Entry> entries = new ArrayList<>();
        for (String name : s.templates()) {
            sections.stream().filter(t -> t.name().equals(name) && t.template()).findFirst()
                    .map(this::resolve).ifPresentOrElse(t -> entries.addAll(t.entries()), () -> {
                        throw new IllegalArgumentException("[" + s.name() + "] uses unknown template " + name);
                    });
        }
        entries.addAll(s.entries());
        return new Section(s.name(), false, List.of(), entries);
    }
}
