package dev.switchboard.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's queue_log file behaves like Asterisk's: appended, rotated, truncated. */
class QueueLogFileWriterTest {

    private static final String START = "1795346313|NONE|NONE|NONE|QUEUESTART|";
    private static final String JOIN = "1795346320|1795346317.1|billing|NONE|ENTERQUEUE||+14155550001|1";
    private static final String CONNECT = "1795346323|1795346317.1|billing|Erin|CONNECT|3|1795346320.4|3";
    private static final String COMPLETE = "1795346336|1795346317.1|billing|Erin|COMPLETEAGENT|3|13|1";

    @TempDir
    Path dir;

    @Test
    void each_line_is_in_the_file_as_soon_as_it_is_written_after_what_was_there() throws Exception {
        Path file = dir.resolve("queue_log");
        Files.writeString(file, START + "\n");
        try (QueueLogFileWriter writer = new QueueLogFileWriter(file)) {
            writer.append(JOIN);
            assertThat(Files.readAllLines(file)).containsExactly(START, JOIN);
            writer.append(CONNECT);
            assertThat(Files.readAllLines(file)).containsExactly(START, JOIN, CONNECT);
        }
    }

    @Test
    void rotate_moves_the_file_to_dot_0_shifts_the_older_ones_and_starts_a_new_file() throws Exception {
        Path file = dir.resolve("queue_log");
        try (QueueLogFileWriter writer = new QueueLogFileWriter(file)) {
            writer.append(START);
            Object firstFile = fileKey(file);
            writer.rotate();
            writer.append(JOIN);
            writer.rotate();
            writer.append(CONNECT);

            assertThat(Files.readAllLines(writer.numbered(1))).containsExactly(START);
            assertThat(Files.readAllLines(writer.numbered(0))).containsExactly(JOIN);
            assertThat(Files.readAllLines(file)).containsExactly(CONNECT);
            assertThat(fileKey(writer.numbered(1))).as("the first file, renamed").isEqualTo(firstFile);
            assertThat(fileKey(file)).isNotEqualTo(firstFile);
            assertThat(writer.numbered(2)).doesNotExist();
        }
    }

    @Test
    void truncate_empties_the_same_file_and_the_next_line_starts_it_again() throws Exception {
        Path file = dir.resolve("queue_log");
        try (QueueLogFileWriter writer = new QueueLogFileWriter(file)) {
            writer.append(START);
            writer.append(JOIN);
            Object key = fileKey(file);
            writer.truncate();
            assertThat(Files.size(file)).isZero();

            writer.append(COMPLETE);

            assertThat(Files.readAllLines(file)).containsExactly(COMPLETE);
            assertThat(Files.size(file)).isEqualTo(COMPLETE.length() + 1);
            assertThat(fileKey(file)).as("the same file, emptied in place").isEqualTo(key);
            assertThat(writer.numbered(0)).doesNotExist();
        }
    }

    private static Object fileKey(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
}
