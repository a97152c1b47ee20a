package dev.switchboard.telephony.queuelog;

import dev.switchboard.telephony.queuelog.QueueLogParser.Malformed;
import dev.switchboard.telephony.queuelog.QueueLogParser.Parsed;
import dev.switchboard.telephony.queuelog.QueueLogParser.Result;
import dev.switchboard.testing.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every line Asterisk wrote in the recordings reads; a line that is not queue_log is refused alone. */
class QueueLogParserTest {

    static List<String> recordings() {
        return Recordings.names();
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void every_line_of_a_recorded_queue_log_parses_and_keeps_its_byte_offsets(String name) throws IOException {
        byte[] file = Files.readAllBytes(Recordings.directory().resolve(name + ".queue_log"));
        List<Result> results = parseAll(file);

        assertThat(results).isNotEmpty().allSatisfy(r -> assertThat(r).isInstanceOf(Parsed.class));
        List<QueueLogLine> lines = results.stream().map(r -> ((Parsed) r).line()).toList();
        List<String> texts = Arrays.asList(new String(file, StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).hasSameSizeAs(texts);
        for (int i = 0; i < lines.size(); i++) {
            QueueLogLine line = lines.get(i);
            String text = texts.get(i);
            assertThat(new String(file, (int) line.offset(), (int) (line.endOffset() - line.offset() - 1), StandardCharsets.UTF_8))
                    .isEqualTo(text);
            String[] fields = text.split("\\|", -1);
            assertThat(line.epochSecond()).isEqualTo(Long.parseLong(fields[0]));
            assertThat(List.of(line.callid(), line.queue(), line.agent(), line.event()))
                    .containsExactly(fields[1], fields[2], fields[3], fields[4]);
            assertThat(line.data()).containsExactlyElementsOf(Arrays.asList(fields).subList(5, fields.length));
            assertThat(QueueLogParser.known(line.event())).as("verb of %s", text).isTrue();
        }
        assertThat(lines.get(lines.size() - 1).endOffset()).isEqualTo(file.length);
    }

    @Test
    void the_fields_of_each_recorded_verb_are_where_asterisk_puts_them() {
        QueueLogLine enter = line("1795346255|1795346251.1|billing|NONE|ENTERQUEUE||+4930123456|1");
        assertThat(enter.data(1)).isNull();
        assertThat(enter.data(2)).isEqualTo("+4930123456");
        assertThat(enter.number(3)).isEqualTo(1L);
        assertThat(enter.aboutACall()).isTrue();

        QueueLogLine connect = line("1795346277|1795346251.1|support|Alice|CONNECT|2|1795346275.2|2");
        assertThat(connect.number(1)).isEqualTo(2L);
        assertThat(connect.data(2)).isEqualTo("1795346275.2");
        assertThat(connect.number(3)).isEqualTo(2L);

        assertThat(line("1795346281|1795346251.1|support|Alice|COMPLETEAGENT|2|4|1").number(2)).isEqualTo(4L);
        assertThat(line("1795346121|1795346105.1|support|NONE|ABANDON|1|1|12").number(3)).isEqualTo(12L);
        assertThat(line("1795346153|1795346141.1|support|Carol|RINGNOANSWER|8000").number(1)).isEqualTo(8000L);

        QueueLogLine start = line("1795346101|NONE|NONE|NONE|QUEUESTART|");
        assertThat(start.aboutACall()).isFalse();
        assertThat(start.data()).containsExactly("");
    }

    @Test
    void transfers_and_an_exit_with_a_key_read_as_asterisk_writes_them() {
        QueueLogLine blind = line("1795350000|1795349900.4|support|Alice|BLINDTRANSFER|200|internal|5|63|1");
        assertThat(List.of(blind.data(1), blind.data(2))).containsExactly("200", "internal");
        assertThat(List.of(blind.number(3), blind.number(4), blind.number(5))).containsExactly(5L, 63L, 1L);

        QueueLogLine attendedBridge = line("1795350000|1795349900.4|support|Alice|ATTENDEDTRANSFER|BRIDGE|a1b2-c3|7|41|2");
        assertThat(List.of(attendedBridge.numberFromEnd(3), attendedBridge.numberFromEnd(2), attendedBridge.numberFromEnd(1)))
                .containsExactly(7L, 41L, 2L);
        QueueLogLine attendedApp = line("1795350000|1795349900.4|support|Alice|ATTENDEDTRANSFER|APP|Voicemail|200@default|7|41|2");
        assertThat(attendedApp.numberFromEnd(3)).isEqualTo(7L);
        assertThat(attendedApp.numberFromEnd(2)).isEqualTo(41L);

        QueueLogLine key = line("1795350000|1795349900.4|support|NONE|EXITWITHKEY|1|2|3|45");
        assertThat(key.data(1)).isEqualTo("1");
        assertThat(List.of(key.number(2), key.number(3), key.number(4))).containsExactly(2L, 3L, 45L);
        assertThat(line("1795350000|1795349900.4|support|NONE|EXITWITHKEY|*|2|3|45").data(1)).isEqualTo("*");

        assertThat(line("1795350000|1795349900.4|support|NONE|EXITEMPTY|1|1|30").number(3)).isEqualTo(30L);
        assertThat(line("1795350000|1795349900.4|support|Alice|AGENTDUMP|").event()).isEqualTo("AGENTDUMP");
        assertThat(line("1795350000|1795349900.4|support|Dave|RINGCANCELED|3000").number(1)).isEqualTo(3000L);
    }

    @Test
    void a_line_ending_in_a_carriage_return_reads_without_it() {
        byte[] bytes = "1795346281|1795346251.1|support|Alice|COMPLETEAGENT|2|4|1\r".getBytes(StandardCharsets.UTF_8);
        QueueLogLine line = ((Parsed) QueueLogParser.parse(bytes, 0, bytes.length, 0)).line();
        assertThat(line.data(3)).isEqualTo("1");
    }

    @Test
    void malformed_lines_give_a_reason_and_the_next_line_still_parses() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        String good = "1795346109|1795346105.1|support|NONE|ENTERQUEUE||+14155550102|1\n";
        file.writeBytes(good.getBytes(StandardCharsets.UTF_8));
        file.writeBytes("1795346110|1795346105.1|support\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(good.getBytes(StandardCharsets.UTF_8));
        file.writeBytes("yesterday|1795346105.1|support|NONE|ABANDON|1|1|12\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(good.getBytes(StandardCharsets.UTF_8));
        file.writeBytes("1795346277|1795346105.1|support|Alice|CONNECT|abc|1795346275.2|2\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(good.getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[] {0x17, (byte) 0x95, 0x00, 0x7f, '|', 0x01, '|', 'x', '|', 'y', '|', 'z', '\n'});
        file.writeBytes(good.getBytes(StandardCharsets.UTF_8));
        file.writeBytes(("1795346277|1795346105.1|support|Alice|CONNECT|2|" + "9".repeat(70_000) + "|2\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes(good.getBytes(StandardCharsets.UTF_8));
        file.writeBytes("1795346277|1795346105.1|support|Alice|CONNECT|\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(good.getBytes(StandardCharsets.UTF_8));

        List<Result> results = parseAll(file.toByteArray());

        assertThat(results).hasSize(13);
        for (int i = 0; i < results.size(); i += 2) {
            assertThat(results.get(i)).as("line %s", i + 1).isInstanceOf(Parsed.class);
        }
        assertThat(reason(results.get(1))).isEqualTo("fewer than 5 fields");
        assertThat(reason(results.get(3))).isEqualTo("the time is not a number");
        assertThat(reason(results.get(5))).isEqualTo("CONNECT data1 is not a number: abc");
        assertThat(reason(results.get(7))).startsWith("binary data");
        assertThat(reason(results.get(9))).isEqualTo("longer than 65536 bytes");
        assertThat(reason(results.get(11))).isEqualTo("CONNECT without data1");
        Malformed binary = (Malformed) results.get(7);
        assertThat(binary.offset()).isEqualTo(results.get(6).offset() + good.length());
        assertThat(binary.endOffset()).isEqualTo(binary.offset() + 13);
        assertThat(((Malformed) results.get(5)).excerpt()).startsWith("1795346277|1795346105.1|support|Alice|CONNECT|abc");
    }

    @Test
    void a_name_that_is_not_utf8_spoils_only_that_name() {
        byte[] bytes = "1795346277|1795346105.1|support|Ren\u00e9|CONNECT|2|1795346275.2|2".getBytes(StandardCharsets.ISO_8859_1);
        Result result = QueueLogParser.parse(bytes, 0, bytes.length, 0);
        assertThat(result).isInstanceOf(Parsed.class);
        assertThat(((Parsed) result).line().agent()).isEqualTo("Ren\ufffd");
        assertThat(((Parsed) result).line().endOffset()).isEqualTo(bytes.length + 1);
    }

    @Test
    void unknown_verbs_and_member_lines_parse_without_checking_their_data() {
        assertThat(line("1795350000|NONE|support|PJSIP/alice|ADDMEMBER|").event()).isEqualTo("ADDMEMBER");
        QueueLogLine unknown = line("1795350000|1795349900.4|support|NONE|SOMETHINGNEW|a|b");
        assertThat(QueueLogParser.known(unknown.event())).isFalse();
        assertThat(unknown.data()).containsExactly("a", "b");
    }

    private static QueueLogLine line(String text) {
        Result result = QueueLogParser.parse(text, 0, text.length() + 1);
        assertThat(result).as(text).isInstanceOf(Parsed.class);
        return ((Parsed) result).line();
    }

    private static String reason(Result result) {
        assertThat(result).isInstanceOf(Malformed.class);
        return ((Malformed) result).reason();
    }

    /** Splits at newlines and parses each line, as the file reader does. */
    static List<Result> parseAll(byte[] file) {
        List<Result> results = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < file.length; i++) {
            if (file[i] == '\n') {
                results.add(QueueLogParser.parse(file, start, i - start, start));
                start = i + 1;
            }
        }
        return results;
    }
}
