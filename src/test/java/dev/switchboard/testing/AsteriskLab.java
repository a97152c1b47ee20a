package dev.switchboard.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Asterisk configuration the recordings were made with (src/test/resources/asterisk-lab). */
public final class AsteriskLab {

    /** One queue of queues.conf: its servicelevel and wrapuptime (0 when not set). */
    public record Queue(String name, int serviceLevel, int wrapUpTime) {
    }

    private AsteriskLab() {
    }

    public static Map<String, Queue> queues() throws IOException {
        Path file = TestResources.directory("asterisk-lab").resolve("queues.conf");
        Map<String, Queue> queues = new LinkedHashMap<>();
        AsteriskConf.read(file).objects().forEach((name, section) -> {
            if (!name.equals("general")) {
                queues.put(name, new Queue(name, Integer.parseInt(section.value("servicelevel").orElse("0")),
                        Integer.parseInt(section.value("wrapuptime").orElse("0"))));
            }
        });
        return queues;
    }
}
