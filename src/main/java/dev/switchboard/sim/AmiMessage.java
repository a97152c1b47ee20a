package dev.switchboard.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One AMI message as it travels on the wire: ordered "Key: value" lines (keys may repeat).
 * Lookups ignore the case of keys, as Asterisk does: Asterisk-Java sends them in lower case.
 */
public record AmiMessage(List<Field> fields) {

    public record Field(String key, String value) {
    }

    public AmiMessage {
        fields = List.copyOf(fields);
    }

    public static AmiMessage of(String... keysAndValues) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            fields.add(new Field(keysAndValues[i], keysAndValues[i + 1]));
        }
        return new AmiMessage(fields);
    }

    /** Parses "Key: value" lines; a line without a colon becomes a key with an empty value. */
    public static AmiMessage fromLines(List<String> lines) {
        List<Field> fields = new ArrayList<>(lines.size());
        for (String line : lines) {
            int colon = line.indexOf(':');
            fields.add(colon < 0 ? new Field(line.trim(), "")
                    : new Field(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return new AmiMessage(fields);
    }

    public Optional<String> get(String key) {
        return fields.stream().filter(f -> f.key().equalsIgnoreCase(key)).map(Field::value).findFirst();
    }

    public String getOrEmpty(String key) {
        return get(key).orElse("");
    }

    public boolean isEvent() {
        return get("Event").isPresent();
    }

    /** A copy with {@code key} set to {@code value}: replaced where present, else appended. */
    public AmiMessage with(String key, String value) {
        List<Field> copy = new ArrayList<>();
        boolean replaced = false;
        for (Field f : fields) {
            if (!replaced && f.key().equalsIgnoreCase(key)) {
                copy.add(new Field(f.key(), value));
                replaced = true;
            } else {
                copy.add(f);
            }
        }
        if (!replaced) {
            copy.add(new Field(key, value));
        }
        return new AmiMessage(copy);
    }

    /** The wire form: CRLF after each line and a blank line at the end. */
    public String encode() {
        StringBuilder out = new StringBuilder(fields.size() * 24);
        for (Field f : fields) {
            out.append(f.key()).append(": ").append(f.value()).append("\r\n");
        }
        return out.append("\r\n").toString();
    }
}
