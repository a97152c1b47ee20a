package dev.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Asterisk configuration the recordings were made with (../shared/asterisk-lab). */
public final class AsteriskLab {

    /** One queue of queues.conf: its servicelevel and wrapuptime (0 when not set). */
    public record Queue(String name, int serviceLevel, int wrapUpTime) {
    }

    private AsteriskLab() {
    }

    public static Map<String, Queue> queues() throws IOException {
        Path file = Recordings.directory().resolveSibling("asterisk-lab").resolve("queues.conf");
        Map<String, Queue> queues = new LinkedHashMap<>();
        String section = null;
        int serviceLevel = 0;
        int wrapUp = 0;
        for (String raw : List.copyOf(Files.readAllLines(file))) {
            String line = raw.replaceAll(";.*", "").trim();
            if (line.startsWith("[")) {
                if (section != null && !section.equals("general")) {
                    queues.put(section, new Queue(section, serviceLevel, wrapUp));
                }
                section = line.substring(1, line.indexOf(']'));
                serviceLevel = 0;
                wrapUp = 0;
            } else if (line.startsWith("servicelevel")) {
                serviceLevel = Integer.parseInt(line.split("=")[1].trim());
            } else if (line.startsWith("wrapuptime")) {
                wrapUp = Integer.parseInt(line.split("=")[1].trim());
            }
        }
        if (section != null && !section.equals("general")) {
            queues.put(section, new Queue(section, serviceLevel, wrapUp));
        }
        return queues;
    }
}
