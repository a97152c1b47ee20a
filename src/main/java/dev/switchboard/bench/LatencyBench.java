package dev.switchboard.bench;

import dev.switchboard.seed.DemoSeeder;
import dev.switchboard.seed.SeedProgressLog;
import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.GeneratedStream;
import dev.switchboard.sim.GeneratorFeed;
import dev.switchboard.sim.SimCredentials;
import dev.switchboard.sim.StreamFeed;
import dev.switchboard.sim.TrafficProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Pop and wallboard latency under synthetic traffic: {@code agents} agents each on their own
 * WebSocket and one supervisor on the wallboard feed, a generated call centre at each rate in
 * turn; from the AgentCalled bytes leaving the simulator to the pop arriving at the rung agent's
 * socket, and from QueueCallerJoin leaving it to the wallboard delta that shows the caller.
 */
final class LatencyBench {

    private static final Logger log = LoggerFactory.getLogger(LatencyBench.class);

    /** One rate's figures. */
    /**
     * One rate's figures; {@code poolReads} of {@code poolRequests} InnoDB page reads in the window
     * had to go to disk; {@code hotPath} the window's profile, when one was asked for.
     */
    record RateResult(double callsPerSecond, Percentiles pops, Percentiles wallboard, long ringsTimed, long popsTimed,
                      long wrongAgent, long poolReads, long poolRequests, String hotPath) {
    }

    /** What a run found, and the data it ran on. */
    record Run(List<RateResult> rates, DemoSeeder.Result seeded, long phones, double seedSeconds, long dataMiB,
               SearchBench.Result search) {
    }

    private final ServiceSetup setup;
    private final int agents;
    private final int accounts;
    private final int warmUpSeconds;
    private final int measureSeconds;
    private Path profile;
    private int searchQueries;

    /** Record a JFR profile of each measuring window into this file. */
    LatencyBench profiled(Path file) {
        this.profile = file;
        return this;
    }

    /** After the calls, time this many account searches on the same book (see {@link SearchBench}). */
    LatencyBench withSearch(int queries) {
        this.searchQueries = queries;
        return this;
    }

    LatencyBench(ServiceSetup setup, int agents, int accounts, int warmUpSeconds, int measureSeconds) {
        this.setup = setup;
        this.agents = agents;
        this.accounts = accounts;
        this.warmUpSeconds = warmUpSeconds;
        this.measureSeconds = measureSeconds;
    }

    /** Calls ring briefly and talk briefly so that {@code agents} agents keep up with 200 calls/s. */
    TrafficProfile profile(double callsPerSecond) {
        return new TrafficProfile(List.of(
                new TrafficProfile.QueueSpec("support", 20, 0.7, 0, null),
                new TrafficProfile.QueueSpec("billing", 30, 0.3, 0, null)),
                agents, callsPerSecond, new int[]{1, 2}, 0.7, 0.1, new int[]{60, 120}, new int[]{1, 2}, 0.02,
                new int[]{1, 3}, 1, 0, new int[]{10, 20}, accounts, 17);
    }

    Run run(List<Double> rates) throws Exception {
        Vertx simVertx = Vertx.vertx();
        Vertx clientVertx = Vertx.vertx();
        GeneratedStream idle = GeneratedStream.of(profile(1), 0);
        AtomicReference<Supplier<EventFeed>> feeds = new AtomicReference<>(() -> new StreamFeed(idle));
        AmiSimulator simulator = new AmiSimulator(simVertx, new SimCredentials(BenchRig.AMI_USER, BenchRig.AMI_SECRET),
                "Asterisk Call Manager/11.0.0", () -> feeds.get().get(), () -> { });
        int port = simulator.listen("127.0.0.1", 0).await();
        try (BenchRig rig = setup.start(port)) {
            long seedStart = System.nanoTime();
            DemoSeeder.Result seeded = seedAccounts(rig, accounts);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            long phones = rig.sql.count("SELECT COUNT(*) FROM account_phones");
            long dataMiB = rig.sql.count("SELECT SUM(data_length + index_length) DIV 1048576"
                    + " FROM information_schema.tables WHERE table_schema = DATABASE()");
            List<String> tokens = rig.users("agent", "agent", agents, TrafficProfile::agentName,
                    TrafficProfile::agentInterface);
            String supervisor = rig.users("supervisor", "supervisor", 1, null, null).get(0);

            Map<String, Long> popArrived = new ConcurrentHashMap<>();
            Map<String, Long> callerShown = new ConcurrentHashMap<>();
            AtomicLong wrongAgent = new AtomicLong();
            WebSocketClient client = clientVertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(agents + 10));
            log.info("Latency: connecting {} agents and a supervisor", agents);
            for (int i = 0; i < agents; i++) {
                String mine = TrafficProfile.agentInterface(i);
                BenchRig.connect(client, rig.httpPort, "/api/agent/pops", tokens.get(i), message -> {
                    if ("pop".equals(message.getString("type"))) {
                        long now = System.nanoTime();
                        JsonObject pop = message.getJsonObject("pop");
                        if (!mine.equals(pop.getString("agentInterface"))) {
                            wrongAgent.incrementAndGet();
                        }
                        popArrived.putIfAbsent(TimedFeed.ringKey(pop.getString("linkedid"),
                                pop.getString("agentInterface")), now);
                    }
                });
            }
            BenchRig.connect(client, rig.httpPort, "/api/queues/live", supervisor, message -> {
                if ("queue".equals(message.getString("type"))) {
                    long now = System.nanoTime();
                    JsonArray callers = message.getJsonObject("queue").getJsonArray("callers");
                    callers.forEach(c -> callerShown.putIfAbsent(((JsonObject) c).getString("uniqueid"), now));
                }
            });

            List<RateResult> results = new ArrayList<>();
            for (double rate : rates) {
                results.add(atRate(rate, simVertx, rig, simulator, feeds, popArrived, callerShown, wrongAgent));
            }
            SearchBench.Result search = searchQueries == 0 ? null : SearchBench.measure(rig, supervisor, searchQueries);
            return new Run(results, seeded, phones, seedSeconds, dataMiB, search);
        } finally {
            simulator.close().await();
            clientVertx.close().await();
            simVertx.close().await();
        }
    }

    private RateResult atRate(double rate, Vertx simVertx, BenchRig rig, AmiSimulator simulator,
                              AtomicReference<Supplier<EventFeed>> feeds, Map<String, Long> popArrived,
                              Map<String, Long> callerShown, AtomicLong wrongAgent) throws Exception {
        TimedFeed feed = new TimedFeed(new GeneratorFeed(simVertx, profile(rate), Integer.MAX_VALUE));
        feeds.set(feed::feed);
        String part = String.format(Locale.ROOT, "pop test at %.0f calls/s", rate);
        long reconnectsBefore = rig.reconnects();
        simulator.dropClients();
        rig.awaitReconnect(reconnectsBefore, part);
        StallWatch popsMoving = rig.stallWatch(part, "no pop reached an agent");
        LongSupplier popsArrived = popArrived::size;
        // a profile starts before the warm-up: starting the recorder pauses the JVM, which must not
        // fall inside the measuring window
        HotPath hotPath = profile == null ? null : HotPath.start(profile);
        long poolReads;
        long poolRequests;
        String hot = "";
        try {
            log.info("Latency: {} calls/s, warming up {} s", rate, warmUpSeconds);
            rig.measureFor(Duration.ofSeconds(warmUpSeconds), part, popsMoving, popsArrived);
            wrongAgent.set(0);
            poolReads = rig.sql.status("Innodb_buffer_pool_reads");
            poolRequests = rig.sql.status("Innodb_buffer_pool_read_requests");
            feed.startTiming();
            rig.measureFor(Duration.ofSeconds(measureSeconds), part, popsMoving, popsArrived);
            feed.stopTiming();
            if (hotPath != null) {
                hot = hotPath.stopAndSummarise();
            }
        } finally {
            if (hotPath != null) {
                hotPath.close(); // a part that failed leaves no recording running
            }
        }
        poolReads = rig.sql.status("Innodb_buffer_pool_reads") - poolReads;
        poolRequests = rig.sql.status("Innodb_buffer_pool_read_requests") - poolRequests;
        // the last pops and deltas of the window arrive
        rig.measureFor(Duration.ofSeconds(3), part, popsMoving, popsArrived);
        if (feed.agentCalled.isEmpty()) {
            throw new BenchPartFailed(String.format(Locale.ROOT, "%s stalled: no agent's phone rang in the %d s window (%s)",
                    part, measureSeconds, rig.amiDiagnosis()));
        }
        List<Long> pops = new ArrayList<>();
        feed.agentCalled.forEach((key, sent) -> {
            Long arrived = popArrived.get(key);
            if (arrived != null) {
                pops.add(arrived - sent);
            }
        });
        List<Long> deltas = new ArrayList<>();
        feed.callerJoined.forEach((uniqueid, sent) -> {
            Long shown = callerShown.get(uniqueid);
            if (shown != null) {
                deltas.add(shown - sent);
            }
        });
        RateResult result = new RateResult(rate, Percentiles.ofNanos(pops.stream().mapToLong(Long::longValue).toArray()),
                Percentiles.ofNanos(deltas.stream().mapToLong(Long::longValue).toArray()), feed.agentCalled.size(),
                pops.size(), wrongAgent.get(), poolReads, poolRequests, hot);
        log.info("Latency at {} calls/s: pops {} (of {} rings), wallboard {}", rate, result.pops().toJson(),
                result.ringsTimed(), result.wallboard().toJson());
        return result;
    }

    /** Demo accounts (the callers), without the demo's own five agents (the benchmark brings its own). */
    static DemoSeeder.Result seedAccounts(BenchRig rig, int accounts) throws Exception {
        log.info("Writing {} demo accounts", accounts);
        DemoSeeder.Result seeded = DemoSeeder.seed(rig.service.databaseSettings(), new DemoSeeder.Options(accounts, 42,
                LocalDate.now(ZoneOffset.UTC), false), SeedProgressLog.every(10));
        rig.sql.execute("DELETE FROM agents");
        return seeded;
    }
}
