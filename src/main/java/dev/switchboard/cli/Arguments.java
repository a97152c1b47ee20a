package dev.switchboard.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options after a command: {@code --name value} and bare {@code --flag}s. Anything a command
 * does not declare is a {@link UsageException}.
 */
public final class Arguments {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Arguments() {
    }

    public static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (flagOptions.contains(arg)) {
                parsed.flags.add(arg);
            } else if (valueOptions.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(arg + " needs a value");
                }
                parsed.values.put(arg, args.get(++i));
            } else {
                throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return parsed;
    }

    public Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    public boolean flag(String option) {
        return flags.contains(option);
    }

    public int intValue(String option, int defaultValue, int min, int max) {
        String raw = values.get(option);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(raw.replace("_", ""));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a whole number from " + min + " to " + max + ", not '" + raw + "'");
    }
}
