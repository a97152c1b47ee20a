package dev.switchboard.telephony.queuelog;

import dev.switchboard.telephony.queuelog.QueueLogFile.Batch;
import dev.switchboard.telephony.queuelog.QueueLogFile.Lost;
import dev.switchboard.telephony.queuelog.QueueLogFile.Recovered;
import dev.switchboard.telephony.queuelog.QueueLogFile.Rotated;
import dev.switchboard.telephony.queuelog.QueueLogFile.State;
import dev.switchboard.telephony.queuelog.QueueLogFile.Truncated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following a queue_log file through what Asterisk and logrotate do to it: each case says exactly
 * which lines come out, so a line lost or read twice fails it.
 */
class QueueLogFileTest {

    @TempDir
    Path dir;

    /** Where a reader stands once it has read all the file holds now, as a stop would save it. */
    private static FilePosition positionAfterReadingAll(Path log) throws IOException {
        try (QueueLogFile file = new QueueLogFile(log)) {
            return file.readMore(1000).position();
        }
    }

    @Test
    void new_lines_are_read_once_and_a_half_written_line_waits_for_its_newline() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1", "a2");
        try (QueueLogFile file = new QueueLogFile(log)) {
            assertThat(ids(file.readMore(1000))).containsExactly("a1", "a2");
            assertThat(ids(file.readMore(1000))).isEmpty();

            appendRaw(log, line("a3") + "\n" + line("a4").substring(0, 20));
            Batch partial = file.readMore(1000);
            assertThat(ids(partial)).containsExactly("a3");
            assertThat(partial.position().offset()).isEqualTo(3L * line("a1").length() + 3);

            appendRaw(log, line("a4").substring(20) + "\n");
            Batch rest = file.readMore(1000);
            assertThat(ids(rest)).containsExactly("a4");
            assertThat(rest.lines()).allSatisfy(r -> assertThat(r).isInstanceOf(QueueLogParser.Parsed.class));
            assertThat(rest.position().offset()).isEqualTo(Files.size(log));
            assertThat(rest.status().state()).isEqualTo(State.FOLLOWING);
        }
    }

    @Test
    void at_most_the_lines_asked_for_are_read_and_the_rest_come_next_time() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1", "a2", "a3", "a4", "a5");
        try (QueueLogFile file = new QueueLogFile(log)) {
            assertThat(ids(file.readMore(2))).containsExactly("a1", "a2");
            assertThat(ids(file.readMore(2))).containsExactly("a3", "a4");
            assertThat(ids(file.readMore(2))).containsExactly("a5");
        }
    }

    @Test
    void a_restart_resumes_at_the_saved_offset_of_the_same_file() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1", "a2");
        FilePosition saved = positionAfterReadingAll(log);
        append(log, "a3");
        try (QueueLogFile file = new QueueLogFile(log, saved)) {
            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("a3");
            assertThat(batch.events()).isEmpty();
        }
    }

    @Test
    void rotated_while_followed_the_old_file_is_read_to_its_end_then_the_new_one_from_its_start() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1", "a2");
        try (QueueLogFile file = new QueueLogFile(log)) {
            assertThat(ids(file.readMore(1000))).containsExactly("a1", "a2");
            append(log, "a3", "a4");
            Files.move(log, dir.resolve("queue_log.0"));
            append(log, "b1", "b2");

            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("a3", "a4", "b1", "b2");
            assertThat(batch.events()).containsExactly(new Rotated());
            assertThat(ids(file.readMore(1000))).isEmpty();
            append(log, "b3");
            assertThat(ids(file.readMore(1000))).containsExactly("b3");
        }
    }

    @Test
    void rotated_while_followed_and_seen_missing_in_between_nothing_is_lost_or_repeated() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1");
        try (QueueLogFile file = new QueueLogFile(log)) {
            assertThat(ids(file.readMore(1000))).containsExactly("a1");
            append(log, "a2");
            Files.move(log, dir.resolve("queue_log.0"));

            Batch gone = file.readMore(1000);
            assertThat(ids(gone)).containsExactly("a2");
            assertThat(gone.status().state()).isEqualTo(State.MISSING);

            append(log, "b1");
            Batch back = file.readMore(1000);
            assertThat(ids(back)).containsExactly("b1");
            assertThat(back.events()).containsExactly(new Rotated());
            assertThat(back.status().state()).isEqualTo(State.FOLLOWING);
        }
    }

    @Test
    void deleted_and_created_again_while_followed_the_old_lines_are_finished_and_the_new_file_read_from_its_start() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1");
        try (QueueLogFile file = new QueueLogFile(log)) {
            assertThat(ids(file.readMore(1000))).containsExactly("a1");
            append(log, "a2");
            Files.delete(log);
            append(log, "b1");

            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("a2", "b1");
            assertThat(batch.events()).containsExactly(new Rotated());
        }
    }

    @Test
    void rotated_while_stopped_the_old_file_is_found_beside_it_by_its_key() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1", "a2");
        FilePosition saved = positionAfterReadingAll(log);
        append(log, "a3");
        Files.move(log, dir.resolve("queue_log.0"));
        append(log, "b1");

        try (QueueLogFile file = new QueueLogFile(log, saved)) {
            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("a3", "b1");
            assertThat(batch.events()).containsExactly(new Recovered("queue_log.0", saved.offset()), new Rotated());
        }
    }

    @Test
    void a_file_rotated_away_and_read_to_its_end_is_named_with_its_end_and_the_lines_it_gave() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1");
        try (QueueLogFile file = new QueueLogFile(log)) {
            Batch first = file.readMore(1000);
            assertThat(first.finished()).isEmpty();
            append(log, "a2");
            Files.move(log, dir.resolve("queue_log.0"));
            append(log, "b1", "b2");

            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("a2", "b1", "b2");
            assertThat(batch.finished()).containsExactly(new QueueLogFile.Finished(1,
                    new FilePosition(first.position().fileKey(), first.position().firstLineSha256(),
                            Files.size(dir.resolve("queue_log.0")))));
            assertThat(batch.position().fileKey()).isNotEqualTo(first.position().fileKey());
        }
    }

    @Test
    void rotated_while_stopped_with_the_saved_position_at_the_old_files_first_line_that_file_is_read_from_its_start()
            throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1", "a2");
        FilePosition read = positionAfterReadingAll(log);
        // a1 is still open when Switchboard stops: it resumes from a1's line, the file's first
        FilePosition saved = new FilePosition(read.fileKey(), read.firstLineSha256(), 0);
        append(log, "a3");
        Files.move(log, dir.resolve("queue_log.0"));
        append(log, "b1");

        try (QueueLogFile file = new QueueLogFile(log, saved)) {
            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("a1", "a2", "a3", "b1");
            assertThat(batch.events()).containsExactly(new Recovered("queue_log.0", 0), new Rotated());
        }
    }

    @Test
    void rotated_twice_while_stopped_the_old_file_is_found_compressed_by_its_first_line_then_the_one_after_it_is_read()
            throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, 100, "a1", "a2");
        FilePosition saved = positionAfterReadingAll(log);
        append(log, 100, "a3");
        gzip(log, dir.resolve("queue_log.1.gz"));
        Files.delete(log);
        append(log, 200, "m1", "m2");
        Files.move(log, dir.resolve("queue_log.0"));
        append(dir.resolve("queue_log.2.gz"), 50, "old");
        append(log, 300, "b1");

        try (QueueLogFile file = new QueueLogFile(log, saved)) {
            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("a3", "m1", "m2", "b1");
            assertThat(batch.events()).containsExactly(new Recovered("queue_log.1.gz", saved.offset()), new Rotated());
        }
    }

    @Test
    void stopped_again_half_way_through_a_rotated_file_the_next_start_resumes_in_that_file() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, 100, "a1");
        FilePosition saved = positionAfterReadingAll(log);
        append(log, 100, "a2", "a3", "a4");
        gzip(log, dir.resolve("queue_log.0.gz"));
        Files.delete(log);
        append(log, 200, "b1");

        FilePosition halfWay;
        try (QueueLogFile file = new QueueLogFile(log, saved)) {
            Batch batch = file.readMore(2);
            assertThat(ids(batch)).containsExactly("a2", "a3");
            halfWay = batch.position();
            assertThat(halfWay.offset()).isEqualTo(3L * (line(100, "a1").length() + 1));
        }
        try (QueueLogFile file = new QueueLogFile(log, halfWay)) {
            assertThat(ids(file.readMore(1000))).containsExactly("a4", "b1");
        }
    }

    @Test
    void rotated_while_stopped_and_not_beside_it_the_new_file_is_read_from_its_start_and_the_loss_reported() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1");
        FilePosition saved = positionAfterReadingAll(log);
        Files.delete(log);
        append(log, "b1");

        try (QueueLogFile file = new QueueLogFile(log, saved)) {
            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("b1");
            // a new file may get the deleted one's inode back: then it is told apart by its first line
            assertThat(batch.events()).filteredOn(Lost.class::isInstance).hasSize(1);
        }
    }

    @Test
    void copied_and_truncated_while_followed_the_rest_is_read_from_the_copy_then_the_file_from_its_start() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1");
        try (QueueLogFile file = new QueueLogFile(log)) {
            assertThat(ids(file.readMore(1000))).containsExactly("a1");
            append(log, "a2");
            Files.copy(log, dir.resolve("queue_log.0"));
            truncate(log);
            append(log, "b1");

            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("a2", "b1");
            assertThat(batch.events()).hasSize(2).element(0).isInstanceOf(Truncated.class);
            assertThat(batch.events().get(1)).isEqualTo(new Recovered("queue_log.0", (long) line("a1").length() + 1));
        }
    }

    @Test
    void truncated_while_followed_with_no_copy_the_unread_bytes_are_counted_as_lost() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1");
        try (QueueLogFile file = new QueueLogFile(log)) {
            assertThat(ids(file.readMore(1000))).containsExactly("a1");
            append(log, "a2");
            file.readMore(0);
            truncate(log);
            append(log, "b1");

            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("b1");
            assertThat(batch.events()).containsExactly(new Truncated(2L * (line("a1").length() + 1)),
                    new Lost(line("a2").length() + 1, "the file was cut short before it was read to its end"));
        }
    }

    @Test
    void truncated_and_refilled_past_the_offset_between_two_polls_is_told_by_its_first_line() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1");
        try (QueueLogFile file = new QueueLogFile(log)) {
            assertThat(ids(file.readMore(1000))).containsExactly("a1");
            truncate(log);
            append(log, "b1", "b2", "b3");

            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("b1", "b2", "b3");
            assertThat(batch.events()).hasSize(1).element(0).isInstanceOf(Truncated.class);
        }
    }

    @Test
    void truncated_while_stopped_the_same_file_is_read_again_from_its_start() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1", "a2");
        FilePosition saved = positionAfterReadingAll(log);
        truncate(log);
        append(log, "b1");

        try (QueueLogFile file = new QueueLogFile(log, saved)) {
            Batch batch = file.readMore(1000);
            assertThat(ids(batch)).containsExactly("b1");
            assertThat(batch.events()).containsExactly(new Truncated(-1),
                    new Lost(0, "the file was cut short while it was not followed, and no copy is beside it"));
        }
    }

    @Test
    void a_missing_file_is_a_status_and_is_read_once_it_appears() throws IOException {
        Path log = dir.resolve("queue_log");
        try (QueueLogFile file = new QueueLogFile(log)) {
            Batch missing = file.readMore(1000);
            assertThat(missing.status().state()).isEqualTo(State.MISSING);
            assertThat(missing.status().reason()).isEqualTo("no such file");
            assertThat(missing.lines()).isEmpty();
            assertThat(missing.size()).isEqualTo(-1);

            append(log, "a1");
            Batch found = file.readMore(1000);
            assertThat(found.status().state()).isEqualTo(State.FOLLOWING);
            assertThat(ids(found)).containsExactly("a1");
            assertThat(found.events()).isEmpty();
        }
    }

    @Test
    void a_path_that_cannot_be_read_is_a_status_not_an_exception() throws IOException {
        Path log = Files.createDirectory(dir.resolve("queue_log"));
        try (QueueLogFile file = new QueueLogFile(log)) {
            Batch batch = file.readMore(1000);
            assertThat(batch.status().state()).isEqualTo(State.UNREADABLE);
            assertThat(batch.status().reason()).isEqualTo("a directory");
        }
        Path parentMissing = dir.resolve("no-such-directory/queue_log");
        try (QueueLogFile file = new QueueLogFile(parentMissing)) {
            assertThat(file.readMore(1000).status().state()).isEqualTo(State.MISSING);
        }
    }

    @Test
    void a_malformed_or_overlong_line_is_reported_once_and_the_next_line_still_reads() throws IOException {
        Path log = dir.resolve("queue_log");
        append(log, "a1");
        appendRaw(log, "garbage\n" + "x".repeat(100_000));
        try (QueueLogFile file = new QueueLogFile(log)) {
            Batch first = file.readMore(1000);
            assertThat(ids(first)).containsExactly("a1");
            assertThat(first.lines()).hasSize(2);
            assertThat(((QueueLogParser.Malformed) first.lines().get(1)).reason()).isEqualTo("fewer than 5 fields");

            appendRaw(log, "y".repeat(50_000) + "\n" + line("a2") + "\n");
            Batch second = file.readMore(1000);
            assertThat(second.lines()).hasSize(2);
            QueueLogParser.Malformed overlong = (QueueLogParser.Malformed) second.lines().get(0);
            assertThat(overlong.reason()).isEqualTo("longer than 65536 bytes");
            assertThat(overlong.excerpt()).isEqualTo("x".repeat(120));
            assertThat(overlong.offset()).isEqualTo(line("a1").length() + 1 + "garbage\n".length());
            assertThat(overlong.endOffset()).isEqualTo(overlong.offset() + 150_001);
            assertThat(ids(second)).containsExactly("a2");
        }
    }

    // --- helpers ---

    /** A queue_log line whose call id names it. */
    private static String line(String id) {
        return line(1_795_346_100L, id);
    }

    private static String line(long time, String id) {
        return time + "|" + id + "|support|NONE|ENTERQUEUE||555|1";
    }

    private static void append(Path file, String... ids) throws IOException {
        append(file, 1_795_346_100L, ids);
    }

    private static void append(Path file, long time, String... ids) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String id : ids) {
            text.append(line(time, id)).append('\n');
        }
        if (file.getFileName().toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        appendRaw(file, text.toString());
    }

    private static void appendRaw(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Cuts the file to nothing in place, as logrotate's copytruncate does (the inode stays). */
    private static void truncate(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    private static void gzip(Path from, Path to) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            out.write(Files.readAllBytes(from));
        }
    }

    private static List<String> ids(Batch batch) {
        List<String> ids = new ArrayList<>();
        for (QueueLogParser.Result result : batch.lines()) {
            if (result instanceof QueueLogParser.Parsed parsed) {
                ids.add(parsed.line().callid());
            }
        }
        return ids;
    }
}
