package dev.switchboard.testing;

import dev.switchboard.calls.JourneyRecord;
import dev.switchboard.calls.JourneyRecorder;
import dev.switchboard.calls.JourneySpill;
import dev.switchboard.calls.JourneyStore;
import dev.switchboard.calls.JourneyTracker;
import dev.switchboard.config.AmiServerConfig;
import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.SimCredentials;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import dev.switchboard.telephony.LinkState;
import dev.switchboard.telephony.LinkTimings;
import dev.switchboard.telephony.TelephonyEvent;
import dev.switchboard.telephony.TelephonyVerticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The call-following part of Switchboard wired for a test: a simulated Asterisk on a free
 * loopback port, the real AMI connection, the journey recorder, and a fresh database.
 */
public final class CallRig implements AutoCloseable {

    public static final String USER = "switchboard";
    public static final String SECRET = "rig-secret";

    public final Vertx vertx;
    public final AmiSimulator simulator;
    public final Pool pool;
    public final JourneyStore store;
    public final ConnectionSettings database;
    public final JourneySpill spill;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final List<TelephonyEvent> linkEvents = new CopyOnWriteArrayList<>();
    private final BlockingQueue<TelephonyEvent.LinkChanged> linkChanges = new LinkedBlockingQueue<>();
    private final TelephonyVerticle telephony;
    private final JourneyRecorder recorder;
    private final Map<String, JourneyRecord> persisted = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final String server;
    private final CompletableFuture<Void> feedHeard = new CompletableFuture<>();

    private record Waiter(Predicate<Map<String, JourneyRecord>> condition, CompletableFuture<Void> done) {
    }

    private CallRig(Vertx vertx, String banner, Supplier<EventFeed> feeds, ConnectionSettings database,
                    JourneySpill spill, int heldInMemory) {
        this.vertx = vertx;
        this.database = database;
        this.spill = spill;
        Migrations.migrateBlocking(database);
        pool = Database.createPool(vertx, database, 4);
        store = new JourneyStore(pool);
        simulator = new AmiSimulator(vertx, new SimCredentials(USER, SECRET), banner, feeds,
                () -> feedHeard.complete(null));
        int port = simulator.listen("127.0.0.1", 0).await();
        AmiServerConfig ami = new AmiServerConfig(USER, SECRET, "127.0.0.1", port);
        server = ami.label();
        recorder = new JourneyRecorder(vertx, new JourneyTracker(Clock.systemUTC()), store, registry, spill,
                heldInMemory, JourneyRecorder.leftOver(spill));
        recorder.onPersisted(this::persisted);
        telephony = new TelephonyVerticle(List.of(ami), LinkTimings.defaults(), registry)
                .listen(recorder)
                .listen(event -> {
                    if (event instanceof TelephonyEvent.LinkChanged || event instanceof TelephonyEvent.Resynchronised) {
                        linkEvents.add(event);
                    }
                    if (event instanceof TelephonyEvent.LinkChanged change) {
                        linkChanges.add(change);
                    }
                });
        vertx.deployVerticle(telephony).await();
    }

    public static CallRig start(Vertx vertx, String banner, Supplier<EventFeed> feeds, String databasePrefix) {
        return new CallRig(vertx, banner, feeds, TestMariaDb.freshDatabase(databasePrefix),
                new JourneySpill(Path.of("target", "spills", databasePrefix + "-" + System.nanoTime())), 10_000);
    }

    /** On a database of the test's own (one it can stop), keeping at most {@code heldInMemory} unsaved calls in memory. */
    public static CallRig start(Vertx vertx, String banner, Supplier<EventFeed> feeds, ConnectionSettings database,
                                JourneySpill spill, int heldInMemory) {
        return new CallRig(vertx, banner, feeds, database, spill, heldInMemory);
    }

    public String server() {
        return server;
    }

    private synchronized void persisted(List<JourneyRecord> records) {
        records.forEach(r -> persisted.put(r.linkedid(), r));
        waiters.removeIf(w -> {
            if (w.condition.test(persisted)) {
                w.done.complete(null);
                return true;
            }
            return false;
        });
    }

    /** Waits until the stored journeys (latest write of each) satisfy the condition. */
    public void awaitStored(Predicate<Map<String, JourneyRecord>> condition, Duration timeout) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (condition.test(persisted)) {
                return;
            }
            waiters.add(new Waiter(condition, done));
        }
        done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until this many calls have ended and been stored. */
    public void awaitEndedCalls(int count, Duration timeout) throws Exception {
        awaitStored(journeys -> journeys.values().stream().filter(j -> j.endedAt() != null).count() >= count,
                timeout);
    }

    /**
     * Waits until a client heard the simulator's whole feed, every event of it reached the
     * journey tracker, and every change is stored.
     */
    public void awaitFeedStored(Duration timeout) throws Exception {
        feedHeard.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        settle();
    }

    /** Waits until every event sent so far reached the tracker and every change is stored. */
    public void settle() {
        telephony.settle().compose(v -> recorder.whenIdle()).await();
    }

    /** Every journey in the database, read back through the store. */
    public List<JourneyRecord> storedJourneys() {
        return store.between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100_000).await();
    }

    /** Waits for the link's next change of state and checks it is {@code expected}. */
    public TelephonyEvent.LinkChanged awaitLink(LinkState expected, Duration timeout) throws InterruptedException {
        TelephonyEvent.LinkChanged change = linkChanges.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (change == null || change.state() != expected) {
            throw new AssertionError("expected the link to go " + expected + " within " + timeout + ", got " + change);
        }
        return change;
    }

    public long count(String metric) {
        return (long) registry.get(metric).counter().count();
    }

    public double gauge(String metric) {
        return registry.get(metric).gauge().value();
    }

    public long functionCount(String metric) {
        return (long) registry.get(metric).functionCounter().count();
    }

    /** What /health lists as degraded about the AMI link; empty while it is up. */
    public String linkProblems() {
        return String.join("; ", telephony.degradations());
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
