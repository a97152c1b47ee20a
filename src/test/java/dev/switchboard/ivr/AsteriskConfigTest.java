package dev.switchboard.ivr;

import dev.switchboard.config.AmiServerConfig;
import dev.switchboard.config.ConfigParser;
import dev.switchboard.config.Settings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.telephony.AmiPrivileges;
import dev.switchboard.testing.AsteriskConf;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * asterisk-config/ and docker-compose.yml, read as Asterisk and Switchboard read them, agree with
 * each other: the contexts the dialplan jumps to exist, the queues it uses are in queues.conf with
 * Switchboard's answer targets, the FastAGI address and scripts are Switchboard's, and the AMI
 * login has exactly the privileges Switchboard needs.
 */
class AsteriskConfigTest {

    private static final Path CONFIG = Path.of("asterisk-config");
    private static final Pattern APPLICATION = Pattern.compile("(\\w+)\\((.*)\\)");
    private static final Pattern AGI_CALL = Pattern.compile("\\$\\{SWITCHBOARD_AGI}/([^,]+)(,.*)?");
    private static final Pattern COMPOSE_DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");

    /** One priority of the dialplan: where it is and the application it runs. */
    record Step(String context, String exten, String label, String application, String arguments) {
    }

    private static Map<String, AsteriskConf.Section> contexts;
    private static List<Step> steps;
    private static Map<String, AsteriskConf.Section> queues;
    private static Map<String, Object> compose;
    private static SwitchboardConfig switchboard;

    @BeforeAll
    static void readEverything() throws IOException {
        contexts = AsteriskConf.read(CONFIG.resolve("extensions.conf")).objects();
        contexts.keySet().removeAll(Set.of("general", "globals"));
        steps = steps(AsteriskConf.read(CONFIG.resolve("extensions.conf")).objects());
        queues = AsteriskConf.read(CONFIG.resolve("queues.conf")).objects();
        queues.remove("general");
        try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        switchboard = ConfigParser.parse(new JsonObject(), composeEnvironment("switchboard"), "docker-compose.yml");
    }

    @Test
    void every_context_the_dialplan_jumps_to_exists_with_that_extension() {
        List<String> missing = new ArrayList<>();
        for (Step step : steps) {
            for (String destination : destinations(step)) {
                String[] parts = destination.split(",");
                if (parts.length == 3 && !hasExtension(parts[0].trim(), parts[1].trim())) {
                    missing.add(step.context() + " → " + destination);
                } else if (parts.length == 2 && !hasExtension(step.context(), parts[0].trim())) {
                    missing.add(step.context() + " → " + destination);
                } else if (parts.length == 1 && steps.stream().noneMatch(s -> s.context().equals(step.context())
                        && s.exten().equals(step.exten()) && parts[0].trim().equals(s.label()))) {
                    missing.add(step.context() + " → label " + destination);
                }
            }
        }
        assertThat(missing).as("jumps to nowhere").isEmpty();
        assertThat(steps.stream().flatMap(s -> destinations(s).stream())).as("the parser found the jumps")
                .contains("ivr-menu,s,1", "callback-offer,s,1", "callback-result,s,1", "post-call-survey,s,1");
    }

    @Test
    void the_contexts_named_outside_the_dialplan_exist() throws IOException {
        Set<String> named = new TreeSet<>();
        queues.values().forEach(q -> named.addAll(q.values("context")));
        AsteriskConf.read(CONFIG.resolve("pjsip.conf")).resolved().stream()
                .filter(s -> s.value("type").orElse("").equals("endpoint"))
                .forEach(s -> named.addAll(s.values("context")));
        named.add(Settings.CALLBACK_CONTEXT.defaultValue());

        assertThat(named).contains("queue-exit", "agents", "from-trunk", "callback-outbound");
        assertThat(contexts.keySet()).containsAll(named);
        assertThat(hasExtension("queue-exit", "1")).as("the digit queues.conf lets callers press").isTrue();
        assertThat(hasExtension(Settings.CALLBACK_CONTEXT.defaultValue(), "s"))
                .as("the extension Switchboard's Originate runs").isTrue();
    }

    @Test
    void every_queue_the_dialplan_uses_is_in_queues_conf_with_switchboards_answer_target() {
        Set<String> used = new TreeSet<>();
        Set<String> queueContexts = new LinkedHashSet<>();
        for (Step step : steps) {
            if (step.application().equals("Queue")) {
                String queue = step.arguments().split(",")[0];
                if (queue.equals("${EXTEN}")) {
                    queueContexts.add(step.context());
                } else if (!queue.startsWith("${")) {
                    used.add(queue);
                }
            }
        }
        for (Step step : steps) {
            for (String destination : destinations(step)) {
                String[] parts = destination.split(",");
                if (parts.length == 3 && queueContexts.contains(parts[0])) {
                    used.add(parts[1]);
                }
            }
        }

        assertThat(used).containsExactlyInAnyOrder("support", "billing");
        assertThat(queues.keySet()).containsAll(used);
        for (String queue : queues.keySet()) {
            int serviceLevel = Integer.parseInt(queues.get(queue).value("servicelevel").orElseThrow());
            var target = switchboard.queues().targets().getOrDefault(queue, switchboard.queues().defaults());
            assertThat(serviceLevel).as("servicelevel of %s against Switchboard's target", queue)
                    .isEqualTo(target.answerSeconds());
            assertThat(queues.get(queue).value("wrapuptime")).as("wrap-up of %s", queue).isPresent();
            assertThat(queues.get(queue).value("strategy")).as("strategy of %s", queue).isPresent();
        }
    }

    @Test
    void queue_members_are_phones_that_pjsip_knows() throws IOException {
        Set<String> endpoints = new TreeSet<>();
        AsteriskConf.read(CONFIG.resolve("pjsip.conf")).resolved().stream()
                .filter(s -> s.value("type").orElse("").equals("endpoint"))
                .forEach(s -> endpoints.add("PJSIP/" + s.name()));
        Set<String> members = new TreeSet<>();
        queues.values().forEach(q -> q.values("member").forEach(m -> members.add(m.split(",")[0].trim())));

        assertThat(members).isNotEmpty();
        assertThat(endpoints).containsAll(members);
    }

    @Test
    void the_dialplan_calls_switchboards_fastagi_server_and_only_its_scripts() {
        URI agi = URI.create(globals().get("SWITCHBOARD_AGI"));
        assertThat(agi.getScheme()).isEqualTo("agi");
        assertThat(services()).as("the host is Switchboard's service").containsKey(agi.getHost());
        assertThat(agi.getHost()).isEqualTo("switchboard");
        assertThat(agi.getPort()).as("SWITCHBOARD_AGI_PORT").isEqualTo(switchboard.ivr().port());
        assertThat(switchboard.ivr().host()).as("listens beyond loopback").isEqualTo("0.0.0.0");

        Set<String> called = new TreeSet<>();
        for (Step step : steps) {
            if (step.application().equals("AGI")) {
                Matcher m = AGI_CALL.matcher(step.arguments());
                assertThat(m.matches()).as("AGI through ${SWITCHBOARD_AGI}: %s", step.arguments()).isTrue();
                called.add(m.group(1));
            }
        }
        assertThat(called).containsExactlyInAnyOrderElementsOf(FastAgiServer.scriptNames());
    }

    @Test
    void the_ami_login_has_the_classes_switchboard_needs_and_no_more() throws IOException {
        Map<String, AsteriskConf.Section> manager = AsteriskConf.read(CONFIG.resolve("manager.conf")).objects();
        AmiServerConfig login = switchboard.ami().get(0);
        AsteriskConf.Section user = manager.get(login.user());

        assertThat(user).as("manager.conf has Switchboard's login [%s]", login.user()).isNotNull();
        assertThat(classes(user.value("read").orElse(""))).isEqualTo(AmiPrivileges.READ);
        assertThat(classes(user.value("write").orElse(""))).isEqualTo(AmiPrivileges.WRITE);
        assertThat(user.value("secret")).contains(login.secret());
        assertThat(user.values("deny")).as("only the networks permitted").contains("0.0.0.0/0.0.0.0");
        assertThat(login.host()).isEqualTo("asterisk");
        assertThat(services()).containsKey(login.host());
        assertThat(manager.get("general").value("port").map(Integer::parseInt)).contains(login.port());
        assertThat(manager.get("general").value("enabled")).contains("yes");
    }

    @Test
    void docker_compose_mounts_every_file_of_asterisk_config_and_checks_health() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> asterisk = (Map<String, Object>) services().get("asterisk");
        @SuppressWarnings("unchecked")
        List<String> volumes = (List<String>) asterisk.get("volumes");
        try (var files = Files.list(CONFIG)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".conf")).forEach(f ->
                    assertThat(volumes).contains("./asterisk-config/" + f + ":/etc/asterisk/" + f + ":ro"));
        }
        for (String service : List.of("mariadb", "asterisk", "switchboard")) {
            assertThat(services().get(service)).as(service).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) services().get(service)).get("healthcheck")).as("health check of %s", service)
                    .isNotNull();
        }
        assertThat(switchboard.database().url()).contains("jdbc:mariadb://mariadb:3306/switchboard");
    }

    // ---- reading the files ----------------------------------------------------------------------

    private static List<Step> steps(Map<String, AsteriskConf.Section> sections) {
        List<Step> out = new ArrayList<>();
        sections.forEach((context, section) -> {
            if (context.equals("general") || context.equals("globals")) {
                return;
            }
            String exten = null;
            for (AsteriskConf.Entry e : section.entries()) {
                String rest;
                if (e.key().equals("exten")) {
                    String[] parts = e.value().split(",", 3);
                    exten = parts[0].trim();
                    rest = parts[1].trim() + "," + parts[2].trim();
                } else if (e.key().equals("same")) {
                    rest = e.value();
                } else {
                    continue;
                }
                int comma = rest.indexOf(',');
                String priority = rest.substring(0, comma).trim();
                String label = priority.contains("(") ? priority.substring(priority.indexOf('(') + 1,
                        priority.indexOf(')')) : null;
                Matcher app = APPLICATION.matcher(rest.substring(comma + 1).trim());
                assertThat(app.matches()).as("an application call: %s", rest).isTrue();
                out.add(new Step(context, exten, label, app.group(1), app.group(2)));
            }
        });
        return out;
    }

    /** Where a step may send the call: Goto, both branches of GotoIf, a hangup handler. */
    private static List<String> destinations(Step step) {
        return switch (step.application()) {
            case "Goto" -> List.of(step.arguments());
            case "GotoIf" -> Arrays.stream(step.arguments().substring(step.arguments().lastIndexOf('?') + 1)
                    .split(":")).filter(d -> !d.isBlank()).toList();
            case "Set" -> step.arguments().startsWith("CHANNEL(hangup_handler_push)=")
                    ? List.of(step.arguments().substring(step.arguments().indexOf('=') + 1)) : List.of();
            default -> List.of();
        };
    }

    private static boolean hasExtension(String context, String exten) {
        AsteriskConf.Section section = contexts.get(context);
        if (section == null) {
            return false;
        }
        return section.values("exten").stream().map(v -> v.split(",")[0].trim())
                .anyMatch(e -> e.equals(exten) || (e.startsWith("_") && exten.matches(patternRegex(e))));
    }

    /** An extension pattern as a regular expression: X, Z, N, [..], '.' and '!'. */
    private static String patternRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.substring(1).toCharArray()) {
            regex.append(switch (c) {
                case 'X' -> "[0-9]";
                case 'Z' -> "[1-9]";
                case 'N' -> "[2-9]";
                case '.' -> ".+";
                case '!' -> ".*";
                case '[', ']', '-' -> String.valueOf(c);
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return regex.toString();
    }

    private static Map<String, String> globals() {
        try {
            Map<String, String> globals = new HashMap<>();
            AsteriskConf.read(CONFIG.resolve("extensions.conf")).objects().get("globals").entries()
                    .forEach(e -> globals.put(e.key(), e.value()));
            return globals;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> classes(String list) {
        return new TreeSet<>(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() {
        return (Map<String, Object>) compose.get("services");
    }

    /** A service's environment as the container gets it, with ${VAR:-default} at its default. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> composeEnvironment(String service) {
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services().get(service))
                .get("environment");
        Map<String, String> env = new LinkedHashMap<>();
        environment.forEach((key, value) -> env.put(key, COMPOSE_DEFAULT.matcher(String.valueOf(value))
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1)))));
        return env;
    }
}
