package dev.switchboard.ivr;

import dev.switchboard.cases.CaseStatus;
import dev.switchboard.testing.AsteriskConf;
import dev.switchboard.testing.Dialplan;
import dev.switchboard.testing.Dialplan.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IVR speaks out of the box: asterisk-config/prompts/generate.sh (espeak-ng and sox, which
 * .ci/run installs) makes exactly the switchboard/... prompts that extensions.conf and queues.conf
 * play, each an 8 kHz mono 16-bit PCM WAV with speech in it. {@code switchboard/status-<state>} is
 * needed for every case state the case-status script can answer with.
 */
class AsteriskPromptsTest {

    private static final Path CONFIG = Path.of("asterisk-config");
    private static final String PROMPT = "switchboard/";
    private static final Pattern CASE_STATUS_PROMPT = Pattern.compile("status-\\$\\{CC_CASE_STATUS}");
    private static final Pattern EXCLUDED_STATES = Pattern.compile("status NOT IN \\(([^)]*)\\)");

    @Test
    void generate_sh_makes_every_prompt_the_dialplan_and_the_queues_play(@TempDir Path out) throws Exception {
        Process generate = new ProcessBuilder("sh", CONFIG.resolve("prompts/generate.sh").toString(), out.toString())
                .redirectErrorStream(true).start();
        String output = new String(generate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(generate.waitFor(120, TimeUnit.SECONDS)).as("generate.sh finished").isTrue();
        assertThat(generate.exitValue()).as("generate.sh (needs espeak-ng and sox: .ci/run installs them): %s", output)
                .isZero();

        Set<String> made = new TreeSet<>();
        try (Stream<Path> files = Files.list(out)) {
            files.map(f -> f.getFileName().toString()).forEach(made::add);
        }
        Set<String> needed = new TreeSet<>();
        neededPrompts().forEach(p -> needed.add(p + ".wav"));

        assertThat(needed).as("parsed from the configuration").contains("welcome.wav", "menu.wav",
                "press-1-for-callback.wav", "status-waiting_parts.wav", "rate-your-call-1-to-5.wav");
        assertThat(made).as("exactly the prompts played").containsExactlyInAnyOrderElementsOf(needed);
        for (String file : made) {
            assertSpeech(out.resolve(file));
        }
    }

    /** Every switchboard/... prompt of extensions.conf and queues.conf, without the folder. */
    static Set<String> neededPrompts() throws IOException {
        Set<String> prompts = new TreeSet<>();
        for (Step step : Dialplan.read(CONFIG.resolve("extensions.conf")).steps()) {
            String[] args = step.arguments().split(",");
            String files = switch (step.application()) {
                case "Playback", "Background" -> args[0];
                case "Read" -> args.length > 1 ? args[1] : "";
                default -> "";
            };
            Arrays.stream(files.split("&")).map(String::trim).filter(f -> f.startsWith(PROMPT))
                    .forEach(f -> prompts.addAll(expand(f.substring(PROMPT.length()))));
        }
        for (AsteriskConf.Section queue : AsteriskConf.read(CONFIG.resolve("queues.conf")).objects().values()) {
            queue.entries().stream().flatMap(e -> Arrays.stream(e.value().split(","))).map(String::trim)
                    .filter(v -> v.startsWith(PROMPT)).forEach(v -> prompts.add(v.substring(PROMPT.length())));
        }
        return prompts;
    }

    /** {@code status-${CC_CASE_STATUS}}: one prompt per state the case-status script can answer with. */
    private static List<String> expand(String prompt) {
        if (CASE_STATUS_PROMPT.matcher(prompt).matches()) {
            return answerableStates().stream().map(s -> "status-" + s).toList();
        }
        assertThat(prompt).as("a prompt name the test knows how to expand").doesNotContain("${");
        return List.of(prompt);
    }

    /** Every case state but those the IVR's open-case query leaves out (closed, cancelled). */
    static Set<String> answerableStates() {
        Matcher m = EXCLUDED_STATES.matcher(IvrSql.OPEN_CASE);
        assertThat(m.find()).as("the open-case query names the states it leaves out").isTrue();
        Set<String> excluded = new TreeSet<>();
        Arrays.stream(m.group(1).split(",")).map(s -> s.trim().replace("'", "")).forEach(excluded::add);
        Set<String> states = new TreeSet<>();
        Arrays.stream(CaseStatus.values()).map(CaseStatus::code).filter(c -> !excluded.contains(c)).forEach(states::add);
        assertThat(excluded).isNotEmpty();
        return states;
    }

    /** A RIFF/WAVE file of 16-bit PCM, mono, 8 kHz, at least 0.3 s long, and not silent. */
    private static void assertSpeech(Path file) throws IOException {
        ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ascii(wav, 0)).as("%s RIFF", file).isEqualTo("RIFF");
        assertThat(ascii(wav, 8)).as("%s WAVE", file).isEqualTo("WAVE");
        int at = 12;
        boolean format = false;
        while (at + 8 <= wav.limit()) {
            String chunk = ascii(wav, at);
            int size = wav.getInt(at + 4);
            if (chunk.equals("fmt ")) {
                assertThat(wav.getShort(at + 8)).as("%s: PCM", file).isEqualTo((short) 1);
                assertThat(wav.getShort(at + 10)).as("%s: mono", file).isEqualTo((short) 1);
                assertThat(wav.getInt(at + 12)).as("%s: 8 kHz", file).isEqualTo(8000);
                assertThat(wav.getShort(at + 22)).as("%s: 16-bit", file).isEqualTo((short) 16);
                format = true;
            } else if (chunk.equals("data")) {
                assertThat(format).as("%s: fmt before data", file).isTrue();
                int samples = Math.min(size, wav.limit() - at - 8) / 2;
                assertThat(samples).as("%s: at least 0.3 s", file).isGreaterThanOrEqualTo(2400);
                double sumOfSquares = 0;
                int peak = 0;
                for (int i = 0; i < samples; i++) {
                    short sample = wav.getShort(at + 8 + 2 * i);
                    sumOfSquares += (double) sample * sample;
                    peak = Math.max(peak, Math.abs(sample));
                }
                double rms = Math.sqrt(sumOfSquares / samples);
                assertThat(peak).as("%s: peak", file).isGreaterThan(8000);
                assertThat(rms).as(String.format(Locale.ROOT, "%s: loudness (RMS %.0f)", file, rms)).isGreaterThan(500);
                return;
            }
            at += 8 + size + (size & 1);
        }
        throw new AssertionError(file + " has no data chunk");
    }

    private static String ascii(ByteBuffer buffer, int at) {
        byte[] bytes = new byte[4];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
