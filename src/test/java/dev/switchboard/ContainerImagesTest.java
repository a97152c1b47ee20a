package dev.switchboard;

import dev.switchboard.testing.DockerfileText;
import dev.switchboard.testing.DockerfileText.Instruction;
import dev.switchboard.testing.DockerfileText.Stage;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two images docker-compose.yml builds, checked without a Docker engine (none is in this
 * project's CI, and hadolint cannot be installed from the registries it reaches): each Dockerfile
 * parses with known instructions only, the stages it copies from exist, its build context is the
 * one compose gives it, and Switchboard's image runs as a non-root user with a health check on
 * /ready, /data as its data directory and the JVM as process 1. Building and running the images is
 * not checked here.
 */
class ContainerImagesTest {

    @Test
    void switchboards_image_builds_the_jar_from_source_and_runs_it_unprivileged() throws IOException {
        DockerfileText dockerfile = DockerfileText.read(Path.of("Dockerfile"));
        Stage build = dockerfile.stages().get(0);
        Stage run = dockerfile.finalStage();

        assertThat(dockerfile.stages()).hasSize(2);
        assertThat(build.image()).startsWith("maven:").contains("temurin-17");
        assertThat(run.image()).startsWith("eclipse-temurin:17-jre");
        List<String> copies = build.all("COPY").stream().map(Instruction::arguments).toList();
        assertThat(copies).as("pom.xml (dependencies) before the sources, for the layer cache")
                .containsSubsequence("pom.xml ./", "src/ src/");
        assertThat(build.all("RUN")).anyMatch(r -> r.arguments().contains("mvn -B -DskipTests package"));
        copiesFromStagesThatExist(dockerfile);

        String user = run.last("USER").orElseThrow().arguments().split(":")[0];
        assertThat(user).as("a fixed, non-root UID").matches("[1-9][0-9]*");
        assertThat(run.all("EXPOSE").stream().map(Instruction::arguments).toList()).contains("8080 4573");
        assertThat(run.all("VOLUME").stream().map(Instruction::arguments)).contains("[\"/data\"]");
        assertThat(run.all("ENV").stream().map(Instruction::arguments)).anyMatch(e -> e.contains("SWITCHBOARD_DATA_DIR=/data"));
        assertThat(run.all("RUN")).as("the embedded MariaDB's libraries")
                .anyMatch(r -> r.arguments().contains("libcrypt1") && r.arguments().contains("libsystemd0")
                        && r.arguments().contains("libstdc++6") && r.arguments().contains("chown 10001:10001 /data"));
        Instruction health = run.last("HEALTHCHECK").orElseThrow();
        assertThat(health.arguments()).contains("--start-period=", "/app/ready-check.sh");
        assertThat(run.all("COPY").stream().map(Instruction::arguments))
                .contains("container/ready-check.sh /app/ready-check.sh");
        assertThat(Path.of("container/ready-check.sh")).isExecutable();
        List<String> entrypoint = run.last("ENTRYPOINT").orElseThrow().execForm().orElseThrow();
        assertThat(entrypoint).as("exec form: SIGTERM reaches the JVM").startsWith("java").contains("/app/switchboard.jar");
        assertThat(run.last("STOPSIGNAL").map(Instruction::arguments)).contains("SIGTERM");
    }

    @Test
    void asterisks_image_has_the_sounds_the_prompts_and_the_entrypoint() throws IOException {
        Path context = Path.of("asterisk-config");
        DockerfileText dockerfile = DockerfileText.read(context.resolve("Dockerfile"));
        Stage run = dockerfile.finalStage();

        copiesFromStagesThatExist(dockerfile);
        assertThat(dockerfile.stages().get(0).all("RUN")).as("core sounds and the prompts")
                .anyMatch(r -> r.arguments().contains("asterisk-core-sounds-en-wav"))
                .anyMatch(r -> r.arguments().contains("generate.sh"));
        assertThat(run.image()).contains(":22");
        for (Instruction copy : run.all("COPY")) {
            if (!copy.arguments().startsWith("--from=")) {
                String[] words = copy.arguments().split("\\s+");
                for (int i = 0; i < words.length - 1; i++) {
                    assertThat(context.resolve(words[i])).as("in the build context: %s", words[i]).exists();
                }
            }
        }
        List<String> entrypoint = run.last("ENTRYPOINT").orElseThrow().execForm().orElseThrow();
        assertThat(entrypoint).containsExactly("/usr/local/bin/switchboard-asterisk-entrypoint");
        assertThat(Files.readString(context.resolve("docker-entrypoint.sh"))).contains("exec asterisk -f");
        assertThat(run.last("HEALTHCHECK")).isPresent();
    }

    @Test
    void compose_builds_each_image_from_the_folder_its_dockerfile_is_in() throws IOException {
        Map<String, Object> services;
        try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> compose = (Map<String, Object>) new Yaml().load(reader);
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) compose.get("services");
            services = s;
        }
        for (String name : List.of("switchboard", "asterisk")) {
            Object build = ((Map<?, ?>) services.get(name)).get("build");
            assertThat(build).as("%s is built", name).isInstanceOf(String.class);
            assertThat(Path.of((String) build).resolve("Dockerfile")).as("%s's Dockerfile", name).exists();
        }
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore"));
        assertThat(ignored).as("what the image build needs stays in the context").doesNotContain("pom.xml", "src", "src/")
                .contains("target/", ".git");
        assertThat(((Map<?, ?>) services.get("switchboard")).get("volumes").toString())
                .as("no jar mounted from target/").doesNotContain("target/");
    }

    private static void copiesFromStagesThatExist(DockerfileText dockerfile) {
        for (Stage stage : dockerfile.stages()) {
            for (Instruction copy : stage.all("COPY")) {
                if (copy.arguments().startsWith("--from=")) {
                    String from = copy.arguments().substring("--from=".length()).split("\\s+")[0];
                    Stage source = dockerfile.stage(from).orElseThrow(() -> new AssertionError("no stage " + from));
                    assertThat(dockerfile.stages().indexOf(source)).as("%s is built before it is copied from", from)
                            .isLessThan(dockerfile.stages().indexOf(stage));
                }
            }
        }
    }
}
