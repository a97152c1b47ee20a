package dev.switchboard.testing;

import io.vertx.core.json.JsonArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A Dockerfile read as Docker's parser reads it, for checks where no Docker engine or hadolint is
 * at hand: comment lines dropped, lines ending in a backslash joined with the next, each
 * instruction split into its keyword and the rest, stages started by {@code FROM}. An unknown
 * instruction or an exec form that is not a JSON array of strings is refused.
 */
public record DockerfileText(List<Stage> stages) {

    /** The instructions Docker knows (MAINTAINER is deprecated, but known). */
    public static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE",
            "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
            "HEALTHCHECK", "SHELL");

    public record Instruction(int line, String keyword, String arguments) {

        /** The exec form's words (a JSON array), or empty for the shell form. */
        public Optional<List<String>> execForm() {
            String text = arguments.strip();
            if (!text.startsWith("[")) {
                return Optional.empty();
            }
            JsonArray array = new JsonArray(text);
            List<String> words = new ArrayList<>();
            for (Object word : array) {
                if (!(word instanceof String s)) {
                    throw new IllegalArgumentException("line " + line + ": not a string in the exec form: " + word);
                }
                words.add(s);
            }
            return Optional.of(words);
        }
    }

    /** One build stage: its FROM (image and optional name) and its instructions. */
    public record Stage(String image, String name, List<Instruction> instructions) {

        public List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        public Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        }
    }

    public static DockerfileText read(Path file) throws IOException {
        List<Stage> stages = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        StringBuilder pending = new StringBuilder();
        int startLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("#")) {
                continue; // a comment (or a parser directive): also inside a continued instruction
            }
            if (pending.isEmpty()) {
                if (line.isBlank()) {
                    continue;
                }
                startLine = i + 1;
            }
            if (line.stripTrailing().endsWith("\\")) {
                String kept = line.stripTrailing();
                pending.append(kept, 0, kept.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            add(stages, file, startLine, pending.toString().strip());
            pending.setLength(0);
        }
        if (!pending.isEmpty()) {
            throw new IllegalArgumentException(file + ": the file ends inside a continued instruction");
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException(file + ": no FROM");
        }
        return new DockerfileText(List.copyOf(stages));
    }

    private static void add(List<Stage> stages, Path file, int line, String text) {
        String[] parts = text.split("\\s+", 2);
        String keyword = parts[0].toUpperCase(Locale.ROOT);
        String arguments = parts.length > 1 ? parts[1] : "";
        if (!INSTRUCTIONS.contains(keyword)) {
            throw new IllegalArgumentException(file + ":" + line + ": unknown instruction " + parts[0]);
        }
        Instruction instruction = new Instruction(line, keyword, arguments);
        if (Set.of("CMD", "ENTRYPOINT", "SHELL").contains(keyword)) {
            instruction.execForm(); // a malformed JSON array throws
        }
        if (keyword.equals("FROM")) {
            String[] from = arguments.split("\\s+");
            String name = from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
            stages.add(new Stage(from[0], name, new ArrayList<>()));
        } else if (stages.isEmpty()) {
            if (!keyword.equals("ARG")) {
                throw new IllegalArgumentException(file + ":" + line + ": " + keyword + " before the first FROM");
            }
        } else {
            stages.get(stages.size() - 1).instructions().add(instruction);
        }
    }

    public Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }
}
