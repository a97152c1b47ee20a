package dev.switchboard.testing;

import dev.switchboard.sim.Recording;

import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real Asterisk 22 recordings kept with the tests (src/test/resources/ami-recordings). */
public final class Recordings {

    /** The AMI login Switchboard uses in the shipped Asterisk configuration. */
    public static final String SHIPPED_LOGIN = "switchboard";
    /** A recording replayed as the recorder received it (every event of a login that reads all). */
    /**
     * How much faster than recorded the agreement tests replay: figures and journeys come from
     * Asterisk's own HoldTime, TalkTime and Timestamp fields, not from the pace of the replay.
     */
    public static final double AGREEMENT_REPLAY_SPEED = 100;
    public static final String AS_RECORDED = "as recorded";
    /** A recording replayed as the shipped manager.conf lets Switchboard's login receive it. */
    public static final String FILTERED = "through manager.conf's eventfilter";

    private Recordings() {
    }

    public static Path directory() {
        return TestResources.directory("ami-recordings");
    }

    public static Path file(String name) {
        return directory().resolve(name + ".jsonl");
    }

    /** The recordings' names (NAME.jsonl, each with its NAME.queue_log), sorted. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .map(n -> n.substring(0, n.length() - ".jsonl".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each recording twice, {@link #AS_RECORDED} and {@link #FILTERED}: a parameter source. */
    public static Stream<Arguments> asRecordedAndFiltered() {
        return names().stream().flatMap(name -> Stream.of(Arguments.of(name, AS_RECORDED), Arguments.of(name, FILTERED)));
    }

    /** A name for a database of one replay: the recording's, with "_filtered" for {@link #FILTERED}. */
    public static String replayId(String name, String feed) {
        return name.replace('-', '_') + (FILTERED.equals(feed) ? "_filtered" : "");
    }

    /** A recording, {@link #AS_RECORDED} or {@link #FILTERED}. */
    public static Recording read(String name, String feed) throws IOException {
        Recording recording = Recording.read(file(name));
        return switch (feed) {
            case AS_RECORDED -> recording;
            case FILTERED -> throughShippedManagerConf(recording);
            default -> throw new IllegalArgumentException(feed);
        };
    }

    /** What the shipped asterisk-config/manager.conf lets Switchboard's login receive: its classes and eventfilter. */
    public static AmiEventFilter shippedEventFilter() {
        try {
            return AmiEventFilter.of(AsteriskConf.read(Path.of("asterisk-config", "manager.conf")).objects()
                    .get(SHIPPED_LOGIN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recording as Switchboard's login in the shipped manager.conf would have received it. */
    public static Recording throughShippedManagerConf(Recording recording) {
        return shippedEventFilter().apply(recording);
    }
}
