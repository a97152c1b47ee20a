package dev.switchboard.bench;

import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.FeedGate;
import dev.switchboard.sim.GeneratedStream;
import dev.switchboard.sim.SimCredentials;
import dev.switchboard.sim.StreamFeed;
import dev.switchboard.sim.TrafficProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Memory: the process's heap after a full GC and its resident set with every agent on a call and
 * callers waiting. The figures are the whole benchmark process's: service, simulator and the
 * agents' sockets. (The heap over a long run: {@link LoadBench}.)
 */
final class MemoryBench {

    private static final Logger log = LoggerFactory.getLogger(MemoryBench.class);

    private final ServiceSetup setup;
    private final int agents;
    private final int waiting;

    MemoryBench(ServiceSetup setup, int agents, int waiting) {
        this.setup = setup;
        this.agents = agents;
        this.waiting = waiting;
    }

    void run(BenchReport report) throws Exception {
        // one queue every agent serves; nobody hangs up: every agent ends up talking, the rest wait
        TrafficProfile busy = new TrafficProfile(List.of(new TrafficProfile.QueueSpec("main", 20, 1, 0, null)),
                agents, 50, new int[]{1, 1}, 0.7, 0.1, new int[]{100_000, 100_000}, new int[]{1, 1}, 0,
                new int[]{100_000, 100_000}, 1, 0, new int[]{10, 20}, 2000, 5);
        GeneratedStream full = GeneratedStream.of(busy, agents + waiting);
        GeneratedStream loaded = full.until(m -> m.getOrEmpty("Event").equals("AgentComplete")
                || m.getOrEmpty("Event").equals("QueueCallerAbandon"));
        Vertx simVertx = Vertx.vertx();
        GeneratedStream idle = GeneratedStream.of(busy, 0);
        AtomicReference<Supplier<EventFeed>> feeds = new AtomicReference<>(() -> new StreamFeed(idle));
        AmiSimulator simulator = new AmiSimulator(simVertx, new SimCredentials(BenchRig.AMI_USER, BenchRig.AMI_SECRET),
                "Asterisk Call Manager/11.0.0", () -> feeds.get().get(), () -> { });
        int port = simulator.listen("127.0.0.1", 0).await();
        try (BenchRig rig = setup.start(port)) {
            List<String> tokens = rig.users("agent", "agent", agents, TrafficProfile::agentName,
                    TrafficProfile::agentInterface);
            String supervisor = rig.users("supervisor", "supervisor", 1, null, null).get(0);
            tokens.forEach(token -> rig.listen("/api/agent/pops", token, message -> { }));
            rig.listen("/api/queues/live", supervisor, message -> { });
            // now that the agents exist and listen: the calls, once Switchboard has reconnected and
            // resynchronised (so the list it reads at login comes before every call)
            FeedGate calls = new FeedGate(() -> new StreamFeed(loaded));
            feeds.set(calls::feed);
            long reconnects = rig.reconnects();
            simulator.dropClients();
            rig.awaitReconnect(reconnects, "memory");
            awaitReady(rig, supervisor);
            log.info("Memory: sending {} events of {} calls", loaded.events().size(), agents + waiting);
            calls.open();
            JsonObject main = awaitLoaded(rig, supervisor);
            long heap = heapAfterGc();
            long rss = residentSetBytes();
            log.info("Memory: agents {}, {} waiting: heap after GC {} MiB, RSS {} MiB", main.getJsonObject("agents"),
                    main.getInteger("waiting"), heap >> 20, rss >> 20);
            report.check("Memory", "the wallboard shows every agent on a call and every caller waiting",
                    main.getInteger("waiting") == waiting && main.getJsonObject("agents").getInteger("onCall") == agents,
                    main.getInteger("waiting") + " waiting, " + main.getJsonObject("agents").getInteger("onCall")
                            + " on calls");

            report.part("Memory", String.format(Locale.ROOT, """
                    With %d agents on calls (each with a WebSocket open) and %d callers waiting: heap after a full
                    GC **%d MiB**, resident set **%d MiB** (the whole benchmark process: service, simulator,
                    sockets; MariaDB runs apart). How the heap behaves over a long run: the load part.
                    """, agents, waiting, heap >> 20, rss >> 20), new JsonObject().put("agents", agents)
                    .put("waiting", waiting).put("heapAfterGcMiB", heap >> 20).put("rssMiB", rss >> 20));
            report.check("Memory", "the service is ready with every agent on a call",
                    rig.request(HttpMethod.GET, "/ready", supervisor, null).await().status() == 200, "GET /ready");
        } finally {
            simulator.close().await();
            simVertx.close().await();
        }
    }

    private static void awaitReady(BenchRig rig, String token) throws Exception {
        rig.stallWatch("memory", "the service not ready").awaitUntil(
                () -> rig.request(HttpMethod.GET, "/ready", token, null).await().status() == 200, () -> 0,
                Duration.ofMillis(50));
    }

    /** The main queue once every agent is on a call and every other caller waits. */
    private JsonObject awaitLoaded(BenchRig rig, String token) throws Exception {
        StallWatch watch = rig.stallWatch("memory", "no change in the callers waiting and the agents on calls");
        while (true) {
            JsonArray queues = rig.request(HttpMethod.GET, "/api/queues", token, null).await().body().toJsonArray();
            JsonObject main = queues.stream().map(JsonObject.class::cast).filter(q -> q.getString("name").equals("main"))
                    .findFirst().orElse(new JsonObject().put("waiting", 0).put("agents", new JsonObject().put("onCall", 0)));
            int onCall = main.getJsonObject("agents").getInteger("onCall");
            if (main.getInteger("waiting") == waiting && onCall == agents) {
                return main;
            }
            // a caller answered moves from waiting to on a call: any change is progress
            watch.check(main.getInteger("waiting") * 100_000L + onCall);
            Thread.sleep(250);
        }
    }

    static long heapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long residentSetBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** Least-squares slope of heap (MiB) over time, per minute. */
    static double slopeMiBPerMinute(List<double[]> samples) {
        int n = samples.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] s : samples) {
            sx += s[0];
            sy += s[1];
            sxx += s[0] * s[0];
            sxy += s[0] * s[1];
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator * 60;
    }
}
