package dev.switchboard.bench;

import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.GeneratedCall;
import dev.switchboard.sim.GeneratedStream;
import dev.switchboard.sim.GeneratorFeed;
import dev.switchboard.sim.SimCredentials;
import dev.switchboard.sim.StreamFeed;
import dev.switchboard.sim.TrafficProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The long run: a generated call centre at a steady rate for a long time, every agent on a
 * WebSocket and a supervisor on the wallboard, while the run keeps asking the service for its
 * figures. Afterwards: every call the generator finished is stored as it was made, every ring
 * popped at its agent only, nothing logged as an error, no reconnect, every request answered, and
 * the heap after a full GC sampled throughout (the generator's ledger is checked and forgotten as
 * it goes, so the benchmark's own share of the heap stays flat too).
 */
final class LoadBench {

    private static final Logger log = LoggerFactory.getLogger(LoadBench.class);
    private static final int PROBE_SECONDS = 5;
    /** The counters that must not move during the run. */
    private static final List<String> FAULT_COUNTERS = List.of("switchboard.ami.reconnects",
            "switchboard.ami.events.dropped", "switchboard.ami.events.malformed", "switchboard.ami.messages.unreadable",
            "switchboard.telephony.listener.failures", "switchboard.calls.refused");

    private final ServiceSetup setup;
    private final int agents;
    private final double callsPerSecond;
    private final int seconds;
    private final int accounts;

    LoadBench(ServiceSetup setup, int agents, double callsPerSecond, int seconds, int accounts) {
        this.setup = setup;
        this.agents = agents;
        this.callsPerSecond = callsPerSecond;
        this.seconds = seconds;
        this.accounts = accounts;
    }

    /** A memory sample: seconds into the run, heap after GC and resident set in MiB, calls checked so far. */
    private record Sample(double seconds, double heapMiB, double rssMiB, long callsChecked) {
    }

    /** What the agents' and the supervisor's sockets received. */
    private static final class Screens {
        /** Held for the whole run: a client nothing refers to is closed, with its sockets, when collected. */
        WebSocketClient client;
        final AtomicLong pops = new AtomicLong();
        final AtomicLong wrongAgent = new AtomicLong();
        final AtomicLong wallboardDeltas = new AtomicLong();
        final List<String> closed = new CopyOnWriteArrayList<>();

        void watch(WebSocket socket, String who) {
            socket.closeHandler(v -> closed.add(who + " (" + socket.closeStatusCode() + " " + socket.closeReason() + ")"));
        }
    }

    /** The generator's finished calls compared with what the service stored, a minute behind the calls. */
    private static final class Ledger {
        private final BenchSql sql;
        private List<GeneratedCall> pending = List.of();
        long checked;
        long missing;
        long different;
        final List<String> examples = new ArrayList<>();

        Ledger(BenchSql sql) {
            this.sql = sql;
        }

        /** Checks the calls taken last time (they have had time to be stored) and holds the new ones. */
        void takeAndCheck(GeneratorFeed feed) throws Exception {
            List<GeneratedCall> taken = feed.takeFinishedCalls();
            check(pending);
            pending = taken;
        }

        void checkPending() throws Exception {
            check(pending);
            pending = List.of();
        }

        private void check(List<GeneratedCall> calls) throws Exception {
            Map<String, String> stored = sql.endedJourneys(calls.stream().map(GeneratedCall::linkedid).toList());
            for (GeneratedCall call : calls) {
                String expected = signature(call);
                String actual = stored.get(call.linkedid());
                checked++;
                if (actual == null) {
                    missing++;
                } else if (!actual.equals(expected)) {
                    different++;
                }
                if (!expected.equals(actual) && examples.size() < 5) {
                    examples.add(call.linkedid() + ": made " + expected + ", stored " + actual);
                }
            }
        }

        private static String signature(GeneratedCall call) {
            return Objects.toString(call.callerNumber(), "") + "|" + call.legs().stream()
                    .map(leg -> leg.queue() + ":" + leg.outcome() + ":" + leg.holdSeconds() + ":"
                            + (leg.agent() == null ? "-" : leg.agent()))
                    .collect(Collectors.joining(";"));
        }
    }

    void run(BenchReport report) throws Exception {
        Vertx simVertx = Vertx.vertx();
        Vertx clientVertx = Vertx.vertx();
        TrafficProfile traffic = new LatencyBench(setup, agents, accounts, 0, 0).profile(callsPerSecond);
        GeneratedStream idle = GeneratedStream.of(traffic, 0);
        AtomicReference<Supplier<EventFeed>> feeds = new AtomicReference<>(() -> new StreamFeed(idle));
        AmiSimulator simulator = new AmiSimulator(simVertx, new SimCredentials(BenchRig.AMI_USER, BenchRig.AMI_SECRET),
                "Asterisk Call Manager/11.0.0", () -> feeds.get().get(), () -> { });
        int port = simulator.listen("127.0.0.1", 0).await();
        try (BenchRig rig = setup.start(port)) {
            LatencyBench.seedAccounts(rig, accounts);
            List<String> tokens = rig.users("agent", "agent", agents, TrafficProfile::agentName,
                    TrafficProfile::agentInterface);
            String supervisor = rig.users("supervisor", "supervisor", 1, null, null).get(0);
            Screens screens = connect(clientVertx, rig, tokens, supervisor);

            GeneratorFeed generator = new GeneratorFeed(simVertx, traffic, Integer.MAX_VALUE);
            TimedFeed calls = new TimedFeed(generator);
            feeds.set(calls::feed);
            long reconnects = rig.reconnects();
            simulator.dropClients();
            rig.awaitReconnect(reconnects, "load");
            long reconnectsAtStart = rig.reconnects();
            StallWatch eventsMoving = rig.stallWatch("load", "no AMI event counted");
            Map<String, Double> faultsBefore = faultCounters(rig);
            long popsBefore = screens.pops.get();
            long ringsBefore = calls.rings.get();
            log.info("Load: {} calls/s with {} agents for {} s", callsPerSecond, agents, seconds);

            Ledger ledger = new Ledger(rig.sql);
            List<Sample> samples = new ArrayList<>();
            ClassHistogram first = null;
            ClassHistogram last = null;
            long probes = 0;
            List<String> failedProbes = new ArrayList<>();
            int sampleEvery = sampleSeconds() / PROBE_SECONDS;
            try (LogTally logged = LogTally.attach()) {
                long start = System.nanoTime();
                for (int tick = 0; tick * PROBE_SECONDS <= seconds; tick++) {
                    long wait = start + tick * PROBE_SECONDS * 1_000_000_000L - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000);
                    }
                    rig.requireNoReconnectSince(reconnectsAtStart, "load");
                    eventsMoving.check(rig.eventsReceived());
                    probes += probe(rig, supervisor, failedProbes);
                    if (tick % sampleEvery == 0) {
                        ledger.takeAndCheck(generator);
                        double at = (System.nanoTime() - start) / 1e9;
                        samples.add(new Sample(at, MemoryBench.heapAfterGc() / 1048576.0,
                                MemoryBench.residentSetBytes() / 1048576.0, ledger.checked));
                        last = ClassHistogram.take();
                        first = first == null ? last : first;
                        log.info("Load: {} s, heap after GC {} MiB, {} calls checked", Math.round(at),
                                Math.round(samples.get(samples.size() - 1).heapMiB()), ledger.checked);
                    }
                }
                // no new callers; what was ringing has popped and what ended is stored
                generator.stop();
                Thread.sleep(5000);
                ledger.takeAndCheck(generator);
                ledger.checkPending();
                long unsaved = Math.round(rig.registry.get("switchboard.calls.unsaved").gauge().value());
                Map<String, Double> faults = faultCounters(rig);
                faults.replaceAll((name, value) -> value - faultsBefore.get(name));
                long rings = calls.rings.get() - ringsBefore;
                long pops = screens.pops.get() - popsBefore;
                report(report, samples, first, last, ledger, rings, pops, screens, faults, unsaved, probes,
                        failedProbes, logged);
            }
        } finally {
            simulator.close().await();
            clientVertx.close().await();
            simVertx.close().await();
        }
    }

    private int sampleSeconds() {
        return Math.max(PROBE_SECONDS, seconds / 30 / PROBE_SECONDS * PROBE_SECONDS);
    }

    private Screens connect(Vertx clientVertx, BenchRig rig, List<String> tokens, String supervisor) {
        Screens screens = new Screens();
        WebSocketClient client = clientVertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(agents + 10));
        screens.client = client;
        log.info("Load: connecting {} agents and a supervisor", agents);
        for (int i = 0; i < agents; i++) {
            String mine = TrafficProfile.agentInterface(i);
            WebSocket socket = BenchRig.connect(client, rig.httpPort, "/api/agent/pops", tokens.get(i), message -> {
                // a pop comes once as the phone rings and again, "active", when the agent answers
                if ("pop".equals(message.getString("type")) && "ringing".equals(message.getString("state"))) {
                    screens.pops.incrementAndGet();
                    if (!mine.equals(message.getJsonObject("pop").getString("agentInterface"))) {
                        screens.wrongAgent.incrementAndGet();
                    }
                }
            });
            screens.watch(socket, "agent " + mine);
        }
        screens.watch(BenchRig.connect(client, rig.httpPort, "/api/queues/live", supervisor, message -> {
            if ("queue".equals(message.getString("type"))) {
                screens.wallboardDeltas.incrementAndGet();
            }
        }), "supervisor");
        return screens;
    }

    /** What a supervisor's screen and a monitoring probe ask for; the number of requests made. */
    private static int probe(BenchRig rig, String supervisor, List<String> failed) {
        List<String> paths = List.of("/ready", "/api/queues", "/api/calls?limit=20");
        for (String path : paths) {
            try {
                int status = rig.request(HttpMethod.GET, path, supervisor, null).await().status();
                if (status != 200) {
                    failed.add(path + " → " + status);
                }
            } catch (RuntimeException e) {
                failed.add(path + " → " + e.getMessage());
            }
        }
        return paths.size();
    }

    private static Map<String, Double> faultCounters(BenchRig rig) {
        return FAULT_COUNTERS.stream().collect(Collectors.toMap(name -> name,
                name -> rig.registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum()));
    }

    private void report(BenchReport report, List<Sample> samples, ClassHistogram first, ClassHistogram last,
                        Ledger ledger, long rings, long pops, Screens screens, Map<String, Double> faults,
                        long unsaved, long probes, List<String> failedProbes, LogTally logged) {
        List<double[]> heap = samples.stream().map(s -> new double[]{s.seconds(), s.heapMiB()}).toList();
        double slope = MemoryBench.slopeMiBPerMinute(heap);
        double lateSlope = MemoryBench.slopeMiBPerMinute(heap.subList(heap.size() / 2, heap.size()));
        boolean flat = lateSlope <= 0.5;
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                %.0f calls/s for %d s (%.1f minutes) with %d agents, each on a WebSocket, a supervisor on the
                wallboard feed and %,d accounts; every %d s the run asks for `/ready`, `/api/queues` and
                `/api/calls`. The calls ring for 1–2 s and talk for 1–3 s, so that the agents keep up.

                - Calls the generator finished: **%,d**, every one compared with what was stored (caller,
                  each queue leg's queue, outcome, hold seconds, agent): %,d missing, %,d different.
                - Rings: %,d; pops: %,d (%,d at the wrong agent); wallboard deltas: %,d; sockets closed: %d.
                - Requests: %,d, of which %,d not answered 200.
                - During the run: %s; calls left unsaved at the end: %d.
                - Logged: %,d errors, %,d warnings.

                Heap after a full GC and resident set (the whole benchmark process: service, simulator,
                sockets; MariaDB runs apart):

                | seconds | heap after GC (MiB) | RSS (MiB) | calls checked |
                |---|---|---|---|
                """, callsPerSecond, seconds, seconds / 60.0, agents, accounts, PROBE_SECONDS, ledger.checked,
                ledger.missing, ledger.different, rings, pops, screens.wrongAgent.get(), screens.wallboardDeltas.get(),
                screens.closed.size(),
                probes, failedProbes.size(), describe(faults), unsaved, logged.errors(), logged.warnings()));
        samples.forEach(s -> md.append(String.format(Locale.ROOT, "| %.0f | %.1f | %.0f | %,d |%n", s.seconds(),
                s.heapMiB(), s.rssMiB(), s.callsChecked())));
        md.append(String.format(Locale.ROOT, """

                Trend (least squares): %+.2f MiB per minute over the run, **%+.2f MiB per minute over its second
                half** (target: flat, ≤ 0.5 MiB per minute: %s). Ended calls are kept in memory for 5 minutes
                for late events, so the heap fills for the first 5 minutes.

                What grew between the first and the last sample (live objects after a full GC):

                %s""", slope, lateSlope, flat ? "met" : "**missed**", last.growthSince(first, 12)));
        appendExamples(md, "Calls not stored as made", ledger.examples);
        appendExamples(md, "Sockets closed", screens.closed.subList(0, Math.min(5, screens.closed.size())));
        appendExamples(md, "Requests not answered 200", failedProbes.subList(0, Math.min(5, failedProbes.size())));
        appendExamples(md, "Errors logged", logged.firstErrors());
        appendExamples(md, "Warnings logged", logged.firstWarnings());
        JsonArray json = new JsonArray();
        samples.forEach(s -> json.add(new JsonObject().put("seconds", s.seconds()).put("heapMiB", s.heapMiB())
                .put("rssMiB", s.rssMiB()).put("callsChecked", s.callsChecked())));
        JsonObject faultJson = new JsonObject();
        faults.forEach(faultJson::put);
        report.part("Load", md.toString(), new JsonObject().put("agents", agents).put("callsPerSecond", callsPerSecond)
                .put("seconds", seconds).put("callsChecked", ledger.checked).put("callsMissing", ledger.missing)
                .put("callsDifferent", ledger.different).put("rings", rings).put("pops", pops)
                .put("popsAtWrongAgent", screens.wrongAgent.get()).put("socketsClosed", screens.closed.size()).put("requests", probes)
                .put("requestsFailed", failedProbes.size()).put("faultCounters", faultJson)
                .put("errorsLogged", logged.errors()).put("warningsLogged", logged.warnings())
                .put("samples", json).put("slopeMiBPerMinute", slope).put("secondHalfSlopeMiBPerMinute", lateSlope));

        report.check("Load", "every call the generator finished is stored as it was made",
                ledger.checked > 0 && ledger.missing == 0 && ledger.different == 0,
                ledger.checked + " calls, " + ledger.missing + " missing, " + ledger.different + " different");
        report.check("Load", "every ring popped once, at its agent only, on sockets that stayed open",
                rings > 0 && pops == rings && screens.wrongAgent.get() == 0 && screens.closed.isEmpty(),
                pops + " pops for " + rings + " rings, " + screens.wrongAgent.get() + " at the wrong agent, "
                        + screens.closed.size() + " sockets closed");
        report.check("Load", "no reconnect, dropped, malformed or unreadable event, listener failure or refused call",
                faults.values().stream().allMatch(v -> v == 0), describe(faults));
        report.check("Load", "every request answered 200", failedProbes.isEmpty(),
                failedProbes.size() + " of " + probes + " not");
        report.check("Load", "nothing logged as an error, nothing left unsaved", logged.errors() == 0 && unsaved == 0,
                logged.errors() + " errors logged, " + unsaved + " calls unsaved");
    }

    private static String describe(Map<String, Double> counters) {
        return counters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "`%s` +%.0f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static void appendExamples(StringBuilder md, String title, List<String> examples) {
        if (!examples.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%n%s (the first few):%n%n", title));
            examples.forEach(e -> md.append("- ").append(e).append('\n'));
        }
    }
}
