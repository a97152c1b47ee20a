package dev.switchboard.ivr;

import dev.switchboard.callbacks.CallbackNumbers;
import dev.switchboard.config.AmiServerConfig;
import dev.switchboard.config.ConfigParser;
import dev.switchboard.config.Settings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.telephony.AmiPrivileges;
import dev.switchboard.testing.AsteriskConf;
import dev.switchboard.testing.Dialplan;
import dev.switchboard.testing.Dialplan.Step;
import dev.switchboard.testing.Recordings;
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
 * Switchboard's answer targets, the FastAGI address and scripts are Switchboard's, the AMI login
 * has exactly the privileges Switchboard needs, from Switchboard's address alone, and only the
 * events it reads; every variable the dialplan reads is set by someone (after Queue(), by Queue()
 * itself given queues.conf); the image, the mounts, the RTP range and NAT agree with compose.
 */
class AsteriskConfigTest {

    private static final Path CONFIG = Path.of("asterisk-config");
    private static final Pattern AGI_CALL = Pattern.compile("\\$\\{SWITCHBOARD_AGI}/([^,]+)(,.*)?");
    private static final Pattern COMPOSE_DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");

    private static Dialplan dialplan;
    private static Map<String, AsteriskConf.Section> contexts;
    private static List<Step> steps;
    private static Map<String, AsteriskConf.Section> queues;
    private static Map<String, Object> compose;
    private static SwitchboardConfig switchboard;

    @BeforeAll
    static void readEverything() throws IOException {
        dialplan = Dialplan.read(CONFIG.resolve("extensions.conf"));
        contexts = dialplan.contexts();
        steps = dialplan.steps();
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
            assertThat(queues.get(queue).value("wrapuptime").map(Integer::parseInt)).as("wrap-up of %s", queue)
                    .contains(switchboard.queues().wrapUpSeconds().get(queue));
            assertThat(queues.get(queue).value("setinterfacevar")).as("setinterfacevar of %s", queue).contains("yes");
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
    void a_caller_whose_number_callbacks_may_not_dial_is_told_so_and_asked_for_another() {
        List<Step> offer = dialplan.stepsOf("callback-offer");
        List<String> branches = offer.stream().filter(s -> s.application().equals("GotoIf"))
                .map(Step::arguments).toList();

        for (CallbackNumbers.Refusal refusal : CallbackNumbers.Refusal.values()) {
            assertThat(branches).as("the dialplan knows CC_CALLBACK_REASON %s", refusal.code())
                    .anyMatch(b -> b.contains("\"${CC_CALLBACK_REASON}\" != \"" + refusal.code() + "\""))
                    .anyMatch(b -> b.contains("\"${CC_CALLBACK_REASON}\" = \"" + refusal.code() + "\"")
                            && b.endsWith("?refused"));
        }
        List<String> applications = offer.stream().map(s -> s.application() + "(" + s.arguments() + ")").toList();
        assertThat(applications).containsSubsequence("Playback(switchboard/cannot-call-that-number)",
                "Set(CC_CALLBACK_REASON=)", "Read(NUMBER,switchboard/enter-callback-number,15,,1,10)");
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
        assertThat(login.host()).isEqualTo("asterisk");
        assertThat(services()).containsKey(login.host());
        assertThat(manager.get("general").value("port").map(Integer::parseInt)).contains(login.port());
        assertThat(manager.get("general").value("enabled")).contains("yes");
        assertThat(manager.get("general").value("timestampevents")).contains("yes");

        @SuppressWarnings("unchecked")
        Map<String, Object> asteriskEnvironment = (Map<String, Object>) service("asterisk").get("environment");
        String included = user.value("#tryinclude").orElseThrow();
        assertThat(asteriskEnvironment.get("SWITCHBOARD_AMI_SECRET")).as("one secret for both")
                .isEqualTo(((Map<?, ?>) service("switchboard").get("environment")).get("SWITCHBOARD_AMI").toString()
                        .replaceFirst("^switchboard:(.*)@asterisk:5038$", "$1"));
        assertThat(Files.readString(CONFIG.resolve("docker-entrypoint.sh"))).as("the entrypoint writes the secret")
                .contains("conf=/etc/asterisk\n", "> \"$conf/" + included + ".new\"", "secret = $secret");
        assertThat(user.entries().stream().map(AsteriskConf.Entry::key).toList()).as("the included secret comes last")
                .containsSubsequence("secret", "#tryinclude");
    }

    @Test
    void the_ami_login_is_permitted_from_switchboards_fixed_address_alone() throws IOException {
        AsteriskConf.Section user = AsteriskConf.read(CONFIG.resolve("manager.conf")).objects()
                .get(switchboard.ami().get(0).user());
        String address = (String) network(service("switchboard")).get("ipv4_address");
        String subnet = (String) ipam().get("subnet");

        assertThat(address).as("Switchboard's fixed address in docker-compose.yml").isNotBlank();
        assertThat(inSubnet(address, subnet)).as("%s in %s", address, subnet).isTrue();
        assertThat(inSubnet(address, (String) ipam().get("ip_range"))).as("not where Docker hands out addresses")
                .isFalse();
        assertThat(user.values("deny")).containsExactly("0.0.0.0/0.0.0.0");
        assertThat(user.values("permit")).containsExactly(address + "/255.255.255.255");
        assertThat(user.entries().stream().map(AsteriskConf.Entry::key).toList()).as("deny before permit")
                .containsSubsequence("deny", "permit");
        assertThat(user.value("writetimeout").map(Integer::parseInt)).as("writetimeout (ms)")
                .hasValueSatisfying(ms -> assertThat(ms).isGreaterThanOrEqualTo(1000));
    }

    @Test
    void the_ami_login_receives_only_the_events_switchboard_reads() throws IOException {
        AsteriskConf.Section user = AsteriskConf.read(CONFIG.resolve("manager.conf")).objects()
                .get(switchboard.ami().get(0).user());
        Set<String> named = new TreeSet<>();
        for (AsteriskConf.Entry e : user.entries()) {
            if (e.key().startsWith("eventfilter")) {
                assertThat(e.key()).as("the advanced syntax, including").startsWith("eventfilter(action(include),name(");
                named.add(e.key().replaceFirst(".*name\\(([A-Za-z]+)\\).*", "$1"));
            }
        }
        assertThat(Recordings.shippedEventFilter().eventFilterLines()).as("lines Asterisk accepts")
                .isEqualTo(user.entries().stream().filter(e -> e.key().startsWith("eventfilter")).count());
        assertThat(named).containsExactlyInAnyOrder("Newchannel", "NewCallerid", "Hangup", "OriginateResponse",
                "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon", "AgentCalled", "AgentRingNoAnswer",
                "AgentConnect", "AgentComplete", "QueueMemberStatus", "QueueMemberPause", "UserEvent", "VarSet");
    }

    @Test
    void docker_compose_builds_asterisk_with_every_file_of_asterisk_config_and_mounts_them_too() throws IOException {
        Map<String, Object> asterisk = service("asterisk");
        @SuppressWarnings("unchecked")
        List<String> volumes = (List<String>) asterisk.get("volumes");
        String dockerfile = Files.readString(CONFIG.resolve("Dockerfile"));
        List<String> confs;
        try (var files = Files.list(CONFIG)) {
            confs = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".conf")).sorted().toList();
        }

        assertThat(asterisk.get("build")).as("built from asterisk-config/Dockerfile").isEqualTo("./asterisk-config");
        assertThat(confs).contains("extensions.conf", "logger.conf", "manager.conf", "musiconhold.conf",
                "pjsip.conf", "queues.conf", "rtp.conf");
        for (String conf : confs) {
            assertThat(volumes).contains("./asterisk-config/" + conf + ":/etc/asterisk/" + conf + ":ro");
            assertThat(dockerfile).as("the image has %s", conf).containsPattern("COPY [^\\n]*\\b" + Pattern.quote(conf)
                    + "\\b[^\\n]* /etc/asterisk/");
        }
        assertThat(volumes).as("Asterisk's state in volumes").anyMatch(v -> v.endsWith(":/var/log/asterisk"))
                .anyMatch(v -> v.endsWith(":/var/lib/asterisk")).anyMatch(v -> v.endsWith(":/var/spool/asterisk"));
        String logs = volumes.stream().filter(v -> v.endsWith(":/var/log/asterisk")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<String> switchboardVolumes = (List<String>) service("switchboard").get("volumes");
        assertThat(switchboardVolumes).as("queue_log readable by Switchboard, read-only").contains(logs + ":ro");
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) service("switchboard").get("environment");
        String queueLog = String.valueOf(environment.get("SWITCHBOARD_QUEUE_LOG"));
        AsteriskConf.Section general = AsteriskConf.read(CONFIG.resolve("logger.conf")).objects().get("general");
        assertThat(queueLog).as("Switchboard follows the file Asterisk writes, in that volume")
                .isEqualTo("/var/log/asterisk/" + general.value("queue_log_name").orElseThrow());
    }

    @Test
    void every_service_restarts_checks_its_health_and_has_time_to_stop() {
        for (String name : List.of("mariadb", "asterisk", "switchboard")) {
            Map<String, Object> service = service(name);
            assertThat(service.get("restart")).as("restart of %s", name).isEqualTo("unless-stopped");
            @SuppressWarnings("unchecked")
            Map<String, Object> health = (Map<String, Object>) service.get("healthcheck");
            assertThat(health).as("health check of %s", name).isNotNull().containsKey("start_period");
            assertThat(service.get("stop_grace_period")).as("stop_grace_period of %s", name).isNotNull();
        }
        assertThat(seconds((String) service("switchboard").get("stop_grace_period")))
                .as("longer than serve's shutdown hook allows (30 s for the service + 30 s for Vert.x)")
                .isGreaterThan(60);
        assertThat(service("switchboard").get("build")).isEqualTo(".");
        assertThat(switchboard.database().url()).contains("jdbc:mariadb://mariadb:3306/switchboard");
        assertThat(switchboard.dataDir().toString()).isEqualTo("/data");
    }

    @Test
    void rtp_conf_has_the_port_range_compose_publishes_and_the_image_exposes() throws IOException {
        AsteriskConf.Section rtp = AsteriskConf.read(CONFIG.resolve("rtp.conf")).objects().get("general");
        String range = rtp.value("rtpstart").orElseThrow() + "-" + rtp.value("rtpend").orElseThrow();

        assertThat(service("asterisk").get("ports")).asList().contains(range + ":" + range + "/udp");
        assertThat(Files.readString(CONFIG.resolve("Dockerfile"))).containsPattern("EXPOSE .*\\b" + range + "/udp");
    }

    @Test
    void nat_settings_come_from_the_environment_through_the_file_pjsip_conf_includes() throws IOException {
        AsteriskConf.Section transport = AsteriskConf.read(CONFIG.resolve("pjsip.conf")).resolved().stream()
                .filter(s -> s.value("type").orElse("").equals("transport")).findFirst().orElseThrow();
        String included = transport.value("#tryinclude").orElseThrow();
        String entrypoint = Files.readString(CONFIG.resolve("docker-entrypoint.sh"));
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) service("asterisk").get("environment");

        assertThat(entrypoint).as("the entrypoint writes the included file into Asterisk's configuration")
                .contains("conf=/etc/asterisk\n", "nat=$conf/" + included + "\n");
        assertThat(entrypoint).contains("external_media_address = ", "external_signaling_address = ", "local_net = ");
        assertThat(environment).containsKeys("ASTERISK_EXTERNAL_ADDRESS", "ASTERISK_LOCAL_NETS");
        assertThat(entrypoint).contains("ASTERISK_EXTERNAL_ADDRESS", "ASTERISK_LOCAL_NETS");
    }

    @Test
    void the_trunk_takes_calls_to_s_and_to_numbers_with_and_without_a_plus_and_keeps_registering() throws IOException {
        assertThat(hasExtension("from-trunk", "s")).isTrue();
        assertThat(hasExtension("from-trunk", "+441632960001")).isTrue();
        assertThat(hasExtension("from-trunk", "01632960001")).isTrue();

        AsteriskConf.Section registration = AsteriskConf.read(CONFIG.resolve("pjsip.conf")).resolved().stream()
                .filter(s -> s.value("type").orElse("").equals("registration")).findFirst().orElseThrow();
        assertThat(registration.value("auth_rejection_permanent")).contains("no");
        assertThat(registration.value("forbidden_retry_interval").map(Integer::parseInt).orElse(0)).isPositive();
        assertThat(registration.value("fatal_retry_interval").map(Integer::parseInt).orElse(0)).isPositive();
        assertThat(registration.value("max_retries").map(Integer::parseInt).orElse(10)).isGreaterThanOrEqualTo(1000);
        assertThat(registration.value("contact_user")).as("the extension calls to the registration reach")
                .hasValueSatisfying(user -> assertThat(hasExtension("from-trunk", user)).isTrue());
    }

    @Test
    void callbacks_present_the_call_centres_number_to_the_customer() {
        String context = Settings.CALLBACK_CONTEXT.defaultValue();
        List<Step> dials = dialplan.stepsOf(context).stream().filter(s -> s.application().equals("Dial")).toList();

        assertThat(globals().get("CC_CALLBACK_CALLERID")).matches("\\+[1-9][0-9]{6,14}");
        assertThat(globals().get("CC_CALLBACK_CALLERNAME")).isNotBlank().doesNotContain("(", ")", ",", "<", "\"");
        assertThat(dials).hasSize(1);
        assertThat(dials.get(0).arguments()).as("Dial's f(): the caller ID the customer's leg sends")
                .contains("f(${CC_CALLBACK_CALLERNAME} <${CC_CALLBACK_CALLERID}>)");
        assertThat(dialplan.stepsOf(context)).as("the agent's own channel keeps its caller ID")
                .noneMatch(s -> s.application().equals("Set") && s.arguments().startsWith("CALLERID"));
    }

    @Test
    void every_variable_the_dialplan_reads_after_queue_is_one_asterisk_sets_with_this_queues_conf() {
        Set<String> setByQueue = new TreeSet<>(Set.of("QUEUESTATUS"));
        boolean interfaceVars = queues.values().stream()
                .allMatch(q -> q.value("setinterfacevar").map(v -> v.equals("yes")).orElse(false));
        if (interfaceVars) {
            setByQueue.addAll(Set.of("MEMBERINTERFACE", "MEMBERNAME", "MEMBERCALLS", "MEMBERLASTCALL",
                    "MEMBERPENALTY", "MEMBERDYNAMIC", "MEMBERREALTIME"));
        }
        Set<String> setOtherwise = setByDialplanOrSwitchboard();

        Set<String> readAfterQueue = new TreeSet<>();
        for (Step queue : steps.stream().filter(s -> s.application().equals("Queue")).toList()) {
            for (Step after : dialplan.after(queue)) {
                readAfterQueue.addAll(after.variablesRead());
                for (String destination : destinations(after)) {
                    String[] parts = destination.split(",");
                    if (parts.length == 3) {
                        dialplan.stepsOf(parts[0]).forEach(s -> readAfterQueue.addAll(s.variablesRead()));
                    }
                }
            }
        }
        readAfterQueue.removeAll(setOtherwise);

        assertThat(readAfterQueue).as("the parser saw the survey's MEMBERNAME and the timeout's QUEUESTATUS")
                .contains("MEMBERNAME", "QUEUESTATUS");
        assertThat(setByQueue).as("what Queue() sets, given queues.conf").containsAll(readAfterQueue);
    }

    @Test
    void every_variable_the_dialplan_reads_is_set_by_someone() {
        Set<String> set = setByDialplanOrSwitchboard();
        set.addAll(Set.of("EXTEN", "EPOCH", "QUEUESTATUS", "MEMBERNAME"));
        if (steps.stream().anyMatch(s -> s.application().equals("Dial"))) {
            set.add("DIALSTATUS");
        }
        if (steps.stream().anyMatch(s -> s.application().equals("AGI"))) {
            set.add("AGISTATUS");
        }
        Set<String> unset = new TreeSet<>();
        steps.forEach(s -> s.variablesRead().stream().filter(v -> !set.contains(v))
                .forEach(v -> unset.add(s.context() + ": " + v)));

        assertThat(unset).isEmpty();
    }

    @Test
    void queue_log_is_written_to_a_file() throws IOException {
        AsteriskConf.Section general = AsteriskConf.read(CONFIG.resolve("logger.conf")).objects().get("general");

        assertThat(general.value("queue_log")).contains("yes");
        assertThat(general.value("queue_log_to_file")).contains("yes");
        assertThat(general.value("queue_log_name")).contains("queue_log");
        assertThat(general.value("rotatestrategy")).contains("rotate");
    }

    /**
     * Variables the dialplan sets itself (Set, Read, globals), Switchboard's FastAGI scripts set
     * (their setVariable calls) or Switchboard's callback Originate carries.
     */
    private static Set<String> setByDialplanOrSwitchboard() {
        Set<String> set = new TreeSet<>(globals().keySet());
        for (Step step : steps) {
            if (step.application().equals("Set") && step.arguments().matches("_{0,2}[A-Z_][A-Z0-9_]*=.*")) {
                set.add(step.arguments().substring(0, step.arguments().indexOf('=')).replaceFirst("^_+", ""));
            } else if (step.application().equals("Read")) {
                set.add(step.arguments().split(",")[0]);
            }
        }
        set.addAll(namesIn(Path.of("src/main/java/dev/switchboard/ivr"), "setVariable\\(\"_{0,2}([A-Z_]+)\""));
        set.addAll(namesIn(Path.of("src/main/java/dev/switchboard/callbacks/CallbackDispatcher.java"),
                "variables\\.put\\(\"_{0,2}([A-Z_]+)\""));
        return set;
    }

    private static Set<String> namesIn(Path source, String regex) {
        Set<String> names = new TreeSet<>();
        try (var files = Files.walk(source)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = Pattern.compile(regex).matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(names).as("names found in %s", source).isNotEmpty();
        return names;
    }

    // ---- reading the files ----------------------------------------------------------------------

    private static List<String> destinations(Step step) {
        return Dialplan.destinations(step);
    }

    private static boolean hasExtension(String context, String exten) {
        return dialplan.hasExtension(context, exten);
    }

    private static Map<String, String> globals() {
        return dialplan.globals();
    }

    private static Set<String> classes(String list) {
        return new TreeSet<>(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() {
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services().get(name);
    }

    /** A service's settings on the stack's one network. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> network(Map<String, Object> service) {
        Map<String, Object> networks = (Map<String, Object>) service.get("networks");
        assertThat(networks).as("networks of a service").hasSize(1);
        return (Map<String, Object>) networks.values().iterator().next();
    }

    /** The stack's network's IPAM settings (its one subnet). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> ipam() {
        Map<String, Object> networks = (Map<String, Object>) compose.get("networks");
        Map<String, Object> network = (Map<String, Object>) networks.values().iterator().next();
        List<Map<String, Object>> config = (List<Map<String, Object>>) ((Map<String, Object>) network.get("ipam"))
                .get("config");
        return config.get(0);
    }

    private static boolean inSubnet(String address, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(address) & mask) == (ipv4(parts[0]) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    /** A compose duration such as "75s" or "1m30s", in seconds. */
    private static long seconds(String duration) {
        Matcher m = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s)?").matcher(duration);
        assertThat(m.matches()).as("a duration: %s", duration).isTrue();
        return (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 60) + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
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
