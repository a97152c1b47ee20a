package dev.switchboard.sim;

import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.Recordings;
import io.vertx.core.Vertx;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The generator keeps a queue_log as Asterisk does: read by the tests' own queue_log reader, it
 * tells the same calls as the generator's ledger; its lines are laid out as in the real Asterisk 22
 * recordings; and its call ids are the Uniqueids the AMI events give the callers in the queue.
 */
class GeneratedQueueLogTest {

    private static final long START = 1_795_346_000_000L;

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void the_queue_log_tells_each_call_as_the_ledger_does() throws Exception {
        Path file = dir.resolve("queue_log");
        List<GeneratedCall> calls = fiveHundredCalls(file);

        Map<String, List<QueueLog.Leg>> logged = QueueLog.read(file).legsByCall();
        assertThat(logged.keySet()).containsExactlyInAnyOrderElementsOf(
                calls.stream().map(GeneratedCall::callId).toList());
        List<GeneratedCall.Leg> legs = calls.stream().flatMap(c -> c.legs().stream()).toList();
        assertThat(legs).extracting(GeneratedCall.Leg::outcome).contains("answered", "abandoned", "timeout");
        assertThat(legs).as("some legs rang out before they were answered or left")
                .anyMatch(leg -> leg.ringNoAnswers() > 0);
        for (GeneratedCall call : calls) {
            List<QueueLog.Leg> inLog = logged.get(call.callId());
            assertThat(inLog).as(call.callId()).hasSameSizeAs(call.legs());
            for (int i = 0; i < inLog.size(); i++) {
                GeneratedCall.Leg made = call.legs().get(i);
                QueueLog.Leg leg = inLog.get(i);
                String which = call.callId() + " leg " + (i + 1) + ": " + leg;
                assertThat(leg.callerId).as(which).isEqualTo(call.callerNumber());
                assertThat(leg.queue).as(which).isEqualTo(made.queue());
                assertThat(leg.outcome).as(which).isEqualTo(made.outcome());
                assertThat(leg.holdSeconds).as(which).isEqualTo(made.holdSeconds());
                assertThat(leg.agent).as(which).isEqualTo(made.agent());
                assertThat(leg.talkSeconds).as(which).isEqualTo(made.talkSeconds());
                assertThat(leg.completedBy).as(which).isEqualTo(made.completedBy());
                assertThat(leg.ringNoAnswers).as(which).isEqualTo(made.ringNoAnswers());
            }
        }
    }

    @Test
    void every_line_is_laid_out_as_asterisk_lays_out_the_same_event() throws Exception {
        Path file = dir.resolve("queue_log");
        fiveHundredCalls(file);

        Map<String, Set<String>> generated = layoutsByEvent(Files.readAllLines(file));
        Map<String, Set<String>> recorded = new TreeMap<>();
        try (Stream<Path> files = Files.list(Recordings.directory())) {
            for (Path log : files.filter(p -> p.toString().endsWith(".queue_log")).toList()) {
                layoutsByEvent(Files.readAllLines(log)).forEach((event, layouts) ->
                        recorded.computeIfAbsent(event, e -> new TreeSet<>()).addAll(layouts));
            }
        }

        assertThat(generated.keySet()).containsExactlyInAnyOrder("QUEUESTART", "ENTERQUEUE", "RINGNOANSWER",
                "RINGCANCELED", "ABANDON", "EXITWITHTIMEOUT", "CONNECT", "COMPLETEAGENT", "COMPLETECALLER", "PAUSE",
                "UNPAUSE");
        generated.forEach((event, layouts) ->
                assertThat(recorded.get(event)).as(event + " as recorded").containsAll(layouts));
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(START / 1000 + "|NONE|NONE|NONE|QUEUESTART|");
    }

    @Test
    void the_call_id_of_each_line_is_the_uniqueid_the_ami_events_give_the_caller_in_the_queue() throws Exception {
        Path file = dir.resolve("queue_log");
        List<ManagerEvent> heard = Collections.synchronizedList(new ArrayList<>());
        int calls = 24;
        try (QueueLogFileWriter writer = new QueueLogFileWriter(file)) {
            SharedCallCentre asterisk = new SharedCallCentre(vertx, hectic(), calls, 4, writer);
            AmiSimulator simulator = new AmiSimulator(vertx, new SimCredentials("switchboard", "log-secret"),
                    "Asterisk Call Manager/9.0.0", asterisk::feed, () -> { });
            int port = simulator.listen("127.0.0.1", 0).await();
            ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", port, "switchboard",
                    "log-secret").createManagerConnection();
            connection.addEventListener(heard::add);
            connection.login();
            try {
                asterisk.start();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(asterisk.finishedCalls()).hasSize(calls);
                    List<String> lines = Files.readAllLines(file);
                    assertThat(joinsHeard(heard)).isEqualTo(logged(lines, "ENTERQUEUE", 6, 7));
                    assertThat(answersHeard(heard)).isEqualTo(logged(lines, "CONNECT", 5, 6, 7));
                    assertThat(leavesHeard(heard)).isEqualTo(logged(lines, "ABANDON|EXITWITHTIMEOUT", 5, 6, 7));
                });
                assertThat(new HashSet<>(heardOf(heard, QueueCallerJoinEvent.class, QueueCallerJoinEvent::getUniqueId)))
                        .as("the ledger's call ids are the Uniqueids of the callers who joined a queue")
                        .isEqualTo(asterisk.finishedCalls().stream().map(GeneratedCall::callId).collect(Collectors.toSet()));
            } finally {
                connection.logoff();
                asterisk.stop();
            }
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).as("the traffic shows answers, abandons and timeouts")
                .anyMatch(l -> l.contains("|CONNECT|")).anyMatch(l -> l.contains("|ABANDON|"))
                .anyMatch(l -> l.contains("|EXITWITHTIMEOUT|"));
        assertThat(joinsHeard(heard)).hasSizeGreaterThanOrEqualTo(calls);
    }

    // --- the generator on virtual time --------------------------------------------------------

    /** Five hundred calls of the demo call centre with twelve agents, in moments, logged to {@code file}. */
    private static List<GeneratedCall> fiveHundredCalls(Path file) throws Exception {
        VirtualTime time = new VirtualTime(START);
        try (QueueLogFileWriter writer = new QueueLogFileWriter(file)) {
            SimulatedCallCentre centre = new SimulatedCallCentre(TrafficProfile.demo(12, 2, 300, 11), time,
                    message -> { }, 500, () -> { }, writer);
            centre.start();
            time.runAll();
            assertThat(centre.finishedCalls()).hasSize(500);
            return centre.finishedCalls();
        }
    }

    /**
     * The kinds of line an event is written as: each field as NONE, empty, a number, a Uniqueid or
     * other text, so that "1795346320|1795346317.1|billing|NONE|ENTERQUEUE||+14155550001|1" is
     * {@code n|id|text|NONE|ENTERQUEUE||text|n}.
     */
    private static Map<String, Set<String>> layoutsByEvent(List<String> lines) {
        Map<String, Set<String>> layouts = new TreeMap<>();
        for (String line : lines) {
            String[] fields = line.split("\\|", -1);
            List<String> kinds = new ArrayList<>();
            for (int i = 0; i < fields.length; i++) {
                kinds.add(i == 4 ? fields[i] : kind(fields[i]));
            }
            layouts.computeIfAbsent(fields[4], e -> new HashSet<>()).add(String.join("|", kinds));
        }
        return layouts;
    }

    private static String kind(String field) {
        if (field.equals("NONE") || field.isEmpty()) {
            return field;
        }
        if (field.matches("\\d+")) {
            return "n";
        }
        return field.matches("\\d+\\.\\d+") ? "id" : "text";
    }

    // --- the real-time check ------------------------------------------------------------------

    /**
     * Two agents, busy and impatient callers, billing timing out after 3 s to support: a few
     * dozen calls show answers, abandons and timeouts with overflow, whatever order the timers
     * fire in.
     */
    private static TrafficProfile hectic() {
        return new TrafficProfile(List.of(
                new TrafficProfile.QueueSpec("support", 20, 0.6, 0, null),
                new TrafficProfile.QueueSpec("billing", 30, 0.4, 3, "support")),
                2, 3, new int[]{0, 1}, 0.6, 0.15, new int[]{4, 10}, new int[]{1, 2}, 0.25, new int[]{2, 6}, 0,
                0.2, new int[]{1, 2}, 300, 5);
    }

    /** callid|queue|agent|chosen data fields of each line of the given events, in file order. */
    private static List<String> logged(List<String> lines, String events, int... data) {
        List<String> picked = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\\|", -1);
            if (f[4].matches(events)) {
                StringBuilder row = new StringBuilder(f[1] + "|" + f[2] + "|" + f[3]);
                for (int i : data) {
                    row.append('|').append(f[i]);
                }
                picked.add(row.toString());
            }
        }
        return picked;
    }

    private static List<String> joinsHeard(List<ManagerEvent> heard) {
        return heardOf(heard, QueueCallerJoinEvent.class, e -> e.getUniqueId() + "|" + e.getQueue() + "|NONE|"
                + e.getCallerIdNum() + "|" + e.getPosition());
    }

    private static List<String> answersHeard(List<ManagerEvent> heard) {
        return heardOf(heard, AgentConnectEvent.class, e -> e.getUniqueId() + "|" + e.getQueue() + "|"
                + e.getMemberName() + "|" + e.getHoldTime() + "|" + e.getDestUniqueId() + "|" + e.getRingtime());
    }

    private static List<String> leavesHeard(List<ManagerEvent> heard) {
        return heardOf(heard, QueueCallerAbandonEvent.class, e -> e.getUniqueId() + "|" + e.getQueue() + "|NONE|"
                + e.getPosition() + "|" + e.getOriginalPosition() + "|" + e.getHoldTime());
    }

    private static <E extends ManagerEvent> List<String> heardOf(List<ManagerEvent> heard, Class<E> type,
                                                                 Function<E, String> row) {
        synchronized (heard) {
            return heard.stream().filter(type::isInstance).map(type::cast).map(row).collect(Collectors.toList());
        }
    }
}
