package dev.switchboard.telephony.queuelog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Reads one line of queue_log (UTF-8; bytes that are not become U+FFFD, offsets stay in bytes).
 * A line that cannot be a queue_log line gives {@link Malformed} with
 * the reason, never an exception, so the reader skips it and goes on with the next. The data fields
 * that a known verb carries as numbers must be numbers (or empty); the verbs and their fields are
 * those of Asterisk's {@code app_queue.c}.
 */
public final class QueueLogParser {

    /** A line longer than this is not a queue_log line (Asterisk's longest are a few hundred bytes). */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /** Fields before the data: time, callid, queue, agent, event. */
    private static final int FIXED_FIELDS = 5;

    /**
     * Per verb, the 1-based data fields that must be numbers when present. Negative numbers count
     * from the end of the line ({@code ATTENDEDTRANSFER}'s first fields differ between versions, its
     * last three are hold, talk and original position).
     */
    private static final Map<String, int[]> NUMBERS = Map.ofEntries(
            Map.entry("ENTERQUEUE", new int[] {3}),
            Map.entry("CONNECT", new int[] {1, 3}),
            Map.entry("COMPLETECALLER", new int[] {1, 2, 3}),
            Map.entry("COMPLETEAGENT", new int[] {1, 2, 3}),
            Map.entry("ABANDON", new int[] {1, 2, 3}),
            Map.entry("EXITWITHTIMEOUT", new int[] {1, 2, 3}),
            Map.entry("EXITEMPTY", new int[] {1, 2, 3}),
            Map.entry("EXITWITHKEY", new int[] {2, 3, 4}),
            Map.entry("RINGNOANSWER", new int[] {1}),
            Map.entry("RINGCANCELED", new int[] {1}),
            Map.entry("BLINDTRANSFER", new int[] {3, 4, 5}),
            Map.entry("TRANSFER", new int[] {3, 4, 5}),
            Map.entry("ATTENDEDTRANSFER", new int[] {-3, -2, -1}));

    /** Per verb, the 1-based data fields it cannot do without. */
    private static final Map<String, int[]> REQUIRED = Map.ofEntries(
            Map.entry("CONNECT", new int[] {1}),
            Map.entry("COMPLETECALLER", new int[] {1, 2}),
            Map.entry("COMPLETEAGENT", new int[] {1, 2}),
            Map.entry("ABANDON", new int[] {3}),
            Map.entry("EXITWITHTIMEOUT", new int[] {3}),
            Map.entry("EXITEMPTY", new int[] {3}),
            Map.entry("RINGNOANSWER", new int[] {1}),
            Map.entry("RINGCANCELED", new int[] {1}),
            Map.entry("BLINDTRANSFER", new int[] {3, 4}),
            Map.entry("TRANSFER", new int[] {3, 4}));

    /** Verbs Switchboard knows and deliberately does nothing with. */
    static final Set<String> IGNORED = Set.of("QUEUESTART", "CONFIGRELOAD", "PAUSE", "UNPAUSE", "PAUSEALL",
            "UNPAUSEALL", "ADDMEMBER", "REMOVEMEMBER", "AGENTLOGIN", "AGENTLOGOFF", "AGENTCALLBACKLOGIN",
            "AGENTCALLBACKLOGOFF", "DID", "INFO", "SYSCOMPAT");

    private QueueLogParser() {
    }

    /** What a line turned out to be. */
    public sealed interface Result permits Parsed, Malformed {
        long offset();
    }

    public record Parsed(QueueLogLine line) implements Result {
        @Override
        public long offset() {
            return line.offset();
        }
    }

    /** A line that is not queue_log: where it starts, why, and its first 120 characters for the log. */
    public record Malformed(long offset, long endOffset, String reason, String excerpt) implements Result {
    }

    /** Whether Switchboard reads something from this verb (the others are ignored or unknown). */
    public static boolean known(String event) {
        return NUMBERS.containsKey(event) || IGNORED.contains(event) || event.equals("AGENTDUMP");
    }

    /**
     * Parses {@code length} bytes of {@code bytes} from {@code from}: one line without its newline
     * (a trailing carriage return is dropped). {@code offset} is where the line starts in its file.
     */
    public static Result parse(byte[] bytes, int from, int length, long offset) {
        long endOffset = offset + length + 1;
        if (length > MAX_LINE_BYTES) {
            return new Malformed(offset, endOffset, "longer than " + MAX_LINE_BYTES + " bytes",
                    excerpt(bytes, from, Math.min(length, 480)));
        }
        int end = from + length;
        if (end > from && bytes[end - 1] == '\r') {
            end--;
        }
        for (int i = from; i < end; i++) {
            int b = bytes[i] & 0xff;
            if (b < 0x20 && b != '\t') {
                return new Malformed(offset, endOffset, "binary data (byte 0x" + Integer.toHexString(b) + ")",
                        excerpt(bytes, from, end - from));
            }
        }
        // a caller or member name in another encoding spoils that name, not the line
        return parse(new String(bytes, from, end - from, StandardCharsets.UTF_8), offset, endOffset);
    }

    /** The same for a line already decoded (tests, and a future reader of the realtime table). */
    public static Result parse(String text, long offset, long endOffset) {
        String[] fields = text.split("\\|", -1);
        if (fields.length < FIXED_FIELDS) {
            return new Malformed(offset, endOffset, "fewer than " + FIXED_FIELDS + " fields", shorten(text));
        }
        long time;
        try {
            time = Long.parseLong(fields[0].trim());
        } catch (NumberFormatException e) {
            return new Malformed(offset, endOffset, "the time is not a number", shorten(text));
        }
        String event = fields[4].trim();
        QueueLogLine line = new QueueLogLine(time, fields[1], fields[2], fields[3], event,
                Arrays.asList(fields).subList(FIXED_FIELDS, fields.length), offset, endOffset);
        String wrong = wrongField(line);
        return wrong == null ? new Parsed(line) : new Malformed(offset, endOffset, wrong, shorten(text));
    }

    private static String wrongField(QueueLogLine line) {
        for (int n : REQUIRED.getOrDefault(line.event(), new int[0])) {
            if (line.data(n) == null) {
                return line.event() + " without data" + n;
            }
        }
        int last = line.lastNonEmpty();
        for (int n : NUMBERS.getOrDefault(line.event(), new int[0])) {
            int index = n > 0 ? n : last + n + 1;
            if (n < 0 && index < 1) {
                return line.event() + " has fewer than " + (-n) + " data fields";
            }
            String value = line.data(index);
            if (value != null && !isNumber(value.trim())) {
                return line.event() + " data" + index + " is not a number: " + shorten(value);
            }
        }
        return null;
    }

    private static boolean isNumber(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                if (!(i == 0 && c == '-' && value.length() > 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String excerpt(byte[] bytes, int from, int length) {
        String text = new String(bytes, from, Math.max(0, Math.min(length, bytes.length - from)), StandardCharsets.UTF_8);
        StringBuilder printable = new StringBuilder();
        text.codePoints().limit(120).forEach(c -> printable.append(c < 0x20 ? '?' : Character.toString(c)));
        return printable.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120);
    }
}
