package dev.switchboard.bench;

import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.FeedGate;
import dev.switchboard.sim.GeneratedStream;
import dev.switchboard.sim.SimCredentials;
import dev.switchboard.sim.StreamFeed;
import dev.switchboard.sim.TrafficProfile;
import dev.switchboard.telephony.IvrAccountEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Ingestion: one stream of real-shaped AMI events (a generated call centre's, made in advance),
 * sent by the simulator as fast as TCP takes it to (a) a plain line reader — the wire's ceiling,
 * (b) a bare Asterisk-Java ManagerConnection with a listener that only counts — the library's
 * ceiling, and (c) Switchboard, end to end.
 */
final class IngestionBench {

    private static final Logger log = LoggerFactory.getLogger(IngestionBench.class);

    static final int AGENTS = 50;

    private final ServiceSetup setup;
    private final int calls;

    IngestionBench(ServiceSetup setup, int calls) {
        this.setup = setup;
        this.calls = calls;
    }

    void run(BenchReport report) throws Exception {
        log.info("Ingestion: generating the traffic of {} calls", calls);
        // 0.4 calls/s is what 50 agents talking 20 to 180 s can answer: queues stay as short as a
        // well-staffed call centre's (the stream is sent as fast as TCP allows, whatever its clock says)
        GeneratedStream stream = GeneratedStream.of(TrafficProfile.demo(AGENTS, 0.4, 2000, 7), calls);
        int events = stream.events().size();
        log.info("Ingestion: {} events, {} calls", events, stream.calls().size());

        Vertx simVertx = Vertx.vertx();
        AtomicLong feedStarted = new AtomicLong();
        AtomicReference<Supplier<EventFeed>> feeds = new AtomicReference<>(() -> new StreamFeed(stream));
        AmiSimulator simulator = new AmiSimulator(simVertx, new SimCredentials(BenchRig.AMI_USER, BenchRig.AMI_SECRET),
                "Asterisk Call Manager/11.0.0", () -> feeds.get().get(), () -> { });
        int port = simulator.listen("127.0.0.1", 0).await();
        try {
            double wire = events / seconds(lineReader(port, events));
            log.info("Ingestion (a) line reader: {} events/s", (long) wire);
            LibraryRun library = asteriskJava(port);
            double lib = events / library.seconds();
            log.info("Ingestion (b) Asterisk-Java: {} events/s ({} events heard)", (long) lib, library.heard());
            FeedGate gate = new FeedGate(() -> new StreamFeed(stream, () -> feedStarted.set(System.nanoTime())));
            feeds.set(gate::feed);
            ServiceRun service = switchboard(port, stream, gate, feedStarted);
            double received = events / service.receivedSeconds();
            double persisted = events / service.persistedSeconds();
            log.info("Ingestion (c) Switchboard: {} events/s through the listeners, {} events/s stored", (long) received,
                    (long) persisted);

            report.part("Ingestion", String.format(Locale.ROOT, """
                    The same %d events (%d calls of a generated call centre: IVR, queue joins, rings, answers,
                    abandons, timeouts, pauses, hang-ups), sent by the simulator over loopback TCP as fast as the
                    reader takes them.

                    | reader | events/s | seconds |
                    |---|---|---|
                    | (a) plain line reader (the wire's ceiling) | %,.0f | %.2f |
                    | (b) Asterisk-Java ManagerConnection, a listener that only counts (the library's ceiling) | %,.0f | %.2f |
                    | (c) Switchboard: every event through translation, journeys, queue state, pops and pushes to 50 agents and a wallboard | %,.0f | %.2f |
                    | (c) … and every call's journey stored in MariaDB | %,.0f | %.2f |

                    c/b = **%.2f** (target ≥ 0.8: %s); with storage: %.2f. Switchboard pushed %d WebSocket messages.
                    The AMI link stayed up throughout (a reconnect fails this part); %d watchdog Ping(s) were answered
                    late behind the stream, which keeps a busy link up.

                    ### Where the time went while Switchboard read the stream (c)

                    Everything runs in this one process on the machine's cores, beside MariaDB (its own
                    process, not in these samples).

                    %s
                    """, events, stream.calls().size(), wire, events / wire, lib, library.seconds(), received,
                    service.receivedSeconds(), persisted, service.persistedSeconds(), received / lib,
                    received / lib >= 0.8 ? "met" : "**missed**", persisted / lib, service.pushes(), service.latePings(),
                    service.hotPath()),
                    new JsonObject().put("events", events).put("calls", stream.calls().size())
                            .put("lineReaderEventsPerSecond", wire).put("asteriskJavaEventsPerSecond", lib)
                            .put("switchboardEventsPerSecond", received).put("switchboardStoredEventsPerSecond", persisted)
                            .put("ratioSwitchboardToAsteriskJava", received / lib).put("pushes", service.pushes())
                            .put("droppedByAsteriskJava", service.dropped()).put("amiLatePings", service.latePings()));
            report.check("Ingestion", "Asterisk-Java heard every event", library.heard() == events,
                    library.heard() + " of " + events);
            report.check("Ingestion", "no event dropped in Switchboard", service.dropped() == 0
                    && service.unreadable() == 0, "dropped " + service.dropped() + ", unreadable " + service.unreadable());
            report.check("Ingestion", "every call stored once", service.journeys() == stream.calls().size(),
                    service.journeys() + " journeys for " + stream.calls().size() + " calls");
        } finally {
            simulator.close().await();
            simVertx.close().await();
        }
    }

    /** Logs in and reads lines until the end marker; seconds from login to the marker. */
    private long lineReader(int port, int expected) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) StallWatch.PATIENCE.toMillis()); // a stalled stream fails the read
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8),
                    1 << 16);
            OutputStream out = socket.getOutputStream();
            in.readLine(); // banner
            long start = System.nanoTime();
            out.write(("Action: Login\r\nUsername: " + BenchRig.AMI_USER + "\r\nSecret: " + BenchRig.AMI_SECRET
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long blocks = 0;
            String line;
            while ((line = readLine(in, blocks)) != null) {
                if (line.isEmpty()) {
                    blocks++;
                } else if (line.equals("Status: " + StreamFeed.END_STATUS)) {
                    long took = System.nanoTime() - start;
                    // login response + the events
                    if (blocks - 1 != expected) {
                        throw new IllegalStateException("the line reader saw " + (blocks - 1) + " events of " + expected);
                    }
                    return took;
                }
            }
            throw new IllegalStateException("the simulator closed the connection before the end of the stream");
        }
    }

    private static String readLine(BufferedReader in, long blocksSoFar) throws IOException {
        try {
            return in.readLine();
        } catch (SocketTimeoutException e) {
            throw new BenchPartFailed("ingestion (a) stalled: the line reader got nothing for "
                    + StallWatch.PATIENCE.toSeconds() + " s (after " + blocksSoFar + " messages)");
        }
    }

    private record LibraryRun(double seconds, long heard) {
    }

    private LibraryRun asteriskJava(int port) throws Exception {
        ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", port, BenchRig.AMI_USER,
                BenchRig.AMI_SECRET).createManagerConnection();
        connection.registerUserEventClass(IvrAccountEvent.class); // as Switchboard does
        AtomicLong heard = new AtomicLong();
        CountDownLatch end = new CountDownLatch(1);
        connection.addEventListener((ManagerEvent event) -> {
            if (event instanceof FullyBootedEvent booted && StreamFeed.END_STATUS.equals(booted.getStatus())) {
                end.countDown();
            } else if (!(event instanceof ConnectEvent)) { // Asterisk-Java's own, not from the wire
                heard.incrementAndGet();
            }
        });
        long start = System.nanoTime();
        connection.login();
        StallWatch heardMoving = new StallWatch("ingestion (b)", "Asterisk-Java heard no event", StallWatch.PATIENCE,
                Clock.systemUTC(), () -> "its connection is " + connection.getState() + ", " + heard.get() + " events heard");
        try {
            while (!end.await(100, TimeUnit.MILLISECONDS)) {
                heardMoving.check(heard.get());
            }
            return new LibraryRun(seconds(System.nanoTime() - start), heard.get());
        } finally {
            connection.logoff();
        }
    }

    private record ServiceRun(double receivedSeconds, double persistedSeconds, String hotPath, long pushes,
                              long dropped, long unreadable, long journeys, long latePings) {
    }

    /**
     * Switchboard following the stream: the time until its AMI listener has counted the last
     * event and posted it on, and until every call's journey is in the database.
     */
    private ServiceRun switchboard(int port, GeneratedStream stream, FeedGate gate, AtomicLong feedStarted)
            throws Exception {
        try (BenchRig rig = setup.start(port)) {
            // the stream's agents have users and phones, so every ring is popped; all of them and a
            // supervisor are connected, so pops and wallboard deltas are pushed
            List<String> agents = rig.users("agent", "agent", AGENTS, TrafficProfile::agentName,
                    TrafficProfile::agentInterface);
            List<String> supervisors = rig.users("supervisor", "supervisor", 1, null, null);
            AtomicLong pushes = new AtomicLong();
            for (String token : agents) {
                rig.listen("/api/agent/pops", token, message -> pushes.incrementAndGet());
            }
            rig.listen("/api/queues/live", supervisors.get(0), message -> pushes.incrementAndGet());
            HotPath profile = HotPath.start(setup.besideReport("ingest-switchboard.jfr"));
            Timing timing;
            String hotPath;
            try {
                gate.open();
                timing = follow(rig, stream);
                hotPath = profile.stopAndSummarise();
            } finally {
                profile.close();
            }
            long start = feedStarted.get();
            log.info("Ingestion (c): {} pushes to {} agents and a supervisor", pushes.get(), agents.size());
            return new ServiceRun(seconds(timing.receivedAt() - start), seconds(timing.persistedAt() - start), hotPath,
                    pushes.get(),
                    (long) (rig.counter("switchboard.ami.events.dropped") - timing.droppedBefore()),
                    (long) (rig.counter("switchboard.ami.messages.unreadable") - timing.unreadableBefore()),
                    rig.sql.count("SELECT COUNT(*) FROM call_journeys"),
                    (long) rig.counter("switchboard.ami.pings.late"));
        }
    }

    /** When (nanoTime) the last event was counted and the last call stored; the drop counts before the stream. */
    private record Timing(long receivedAt, long persistedAt, double droppedBefore, double unreadableBefore) {
    }

    /**
     * Watches Switchboard follow the stream just let through the gate. Fails the part when the
     * count of events, then of stored calls, stands still for a minute, or when the AMI link
     * reconnects: the new session replays the stream, and the figure would mean nothing.
     */
    private static Timing follow(BenchRig rig, GeneratedStream stream) throws InterruptedException, SQLException {
        // Asterisk-Java's drop counts are per process: count from here
        double droppedBefore = rig.counter("switchboard.ami.events.dropped");
        double unreadableBefore = rig.counter("switchboard.ami.messages.unreadable");
        long reconnectsBefore = rig.reconnects();
        StallWatch eventsMoving = rig.stallWatch("ingestion", "no AMI event counted");
        StallWatch callsStored = rig.stallWatch("ingestion", "no further call stored");
        long lastCount = -1;
        long lastChange = System.nanoTime();
        long receivedAt = 0;
        while (true) {
            rig.requireNoReconnectSince(reconnectsBefore, "ingestion");
            long count = rig.eventsReceived();
            long now = System.nanoTime();
            if (count != lastCount) {
                lastCount = count;
                lastChange = now;
            } else if (receivedAt == 0 && count > stream.events().size()
                    && now - lastChange > TimeUnit.MILLISECONDS.toNanos(200)) {
                receivedAt = lastChange; // the last event (and the resync's lists) counted then
            }
            if (receivedAt == 0) {
                eventsMoving.check(count);
            } else {
                long journeys = rig.sql.count("SELECT COUNT(*) FROM call_journeys WHERE ended_at IS NOT NULL");
                if (journeys >= stream.calls().size()) {
                    return new Timing(receivedAt, System.nanoTime(), droppedBefore, unreadableBefore);
                }
                callsStored.check(journeys);
            }
            Thread.sleep(receivedAt == 0 ? 2 : 20);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
