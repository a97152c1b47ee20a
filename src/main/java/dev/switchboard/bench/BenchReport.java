package dev.switchboard.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark run found: per part, its figures (reported, never asserted) and its checks
 * (asserted: a failed check fails the run), written as report.md and report.json.
 */
final class BenchReport {

    record Check(String part, String what, boolean passed, String detail) {
    }

    private final JsonObject json = new JsonObject();
    private final JsonObject parts = new JsonObject();
    private final List<Check> checks = new ArrayList<>();
    private final StringBuilder markdown = new StringBuilder();

    BenchReport(JsonObject machine) {
        json.put("machine", machine).put("parts", parts);
        markdown.append("# Switchboard benchmark\n\n");
        machine.forEach(e -> markdown.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        markdown.append('\n');
    }

    /** A part's figures: a Markdown section and its JSON. */
    void part(String name, String markdownSection, JsonObject figures) {
        parts.put(name, figures);
        markdown.append("## ").append(name).append("\n\n").append(markdownSection.strip()).append("\n\n");
    }

    void check(String part, String what, boolean passed, String detail) {
        checks.add(new Check(part, what, passed, detail));
    }

    boolean failed() {
        return checks.stream().anyMatch(c -> !c.passed());
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        StringBuilder out = new StringBuilder(markdown);
        out.append("## Correctness checks\n\n| part | check | result | detail |\n|---|---|---|---|\n");
        JsonArray list = new JsonArray();
        for (Check c : checks) {
            out.append("| ").append(c.part()).append(" | ").append(c.what()).append(" | ")
                    .append(c.passed() ? "passed" : "**FAILED**").append(" | ").append(c.detail()).append(" |\n");
            list.add(new JsonObject().put("part", c.part()).put("check", c.what()).put("passed", c.passed())
                    .put("detail", c.detail()));
        }
        out.append('\n').append(failed() ? "**Some checks FAILED.**\n" : "All checks passed.\n");
        json.put("checks", list).put("passed", !failed());
        Files.writeString(directory.resolve("report.md"), out.toString());
        Files.writeString(directory.resolve("report.json"), json.encodePrettily());
    }
}
