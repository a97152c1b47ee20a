package dev.switchboard.calls;

import dev.switchboard.store.DatabaseErrors;
import dev.switchboard.telephony.AmiCoverage;
import dev.switchboard.telephony.TelephonyEvent;
import dev.switchboard.telephony.queuelog.QueueLogLeg;
import dev.switchboard.telephony.RateLimitedLog;
import dev.switchboard.telephony.TelephonyListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Feeds telephony events to the {@link JourneyTracker} and writes what changed behind it: one
 * transaction at a time, each carrying every journey changed since the last one, so a burst of
 * events costs a few writes, not one per event, and writes never overtake each other. A failed
 * write keeps its journeys dirty and is retried; nothing is dropped. While the database is away
 * at most {@code heldInMemory} unsaved journeys wait in memory; past that they are written to
 * the {@link JourneySpill} and stored from there, before anything newer, once the database is
 * back (also after a restart: files left by an earlier run go first).
 */
public final class JourneyRecorder implements TelephonyListener {

    private static final Logger log = LoggerFactory.getLogger(JourneyRecorder.class);
    private static final Duration KEEP_ENDED = Duration.ofMinutes(5);
    /** How long a call no event speaks of is followed; a call stored open this recently is followed on at start. */
    public static final Duration KEEP_SILENT = Duration.ofHours(12);
    private static final long RETRY_MILLIS = 2_000;

    private final Vertx vertx;
    private final JourneyTracker tracker;
    private final JourneyStore store;
    /** What AMI was heard for, per server: legs inside it are checked against queue_log, others repaired. */
    private final AmiCoverage coverage = new AmiCoverage(Duration.ofSeconds(2));
    private final RateLimitedLog unmatchedLog = new RateLimitedLog(log, 10_000);
    private final Set<CallJourneyRef> dirty = new LinkedHashSet<>();
    private final List<Consumer<List<JourneyRecord>>> persistedListeners = new ArrayList<>();
    private final List<Promise<Void>> idleWaiters = new ArrayList<>();
    private final JourneySpill spill;
    private final int heldInMemory;
    /** Spill files waiting to be stored, oldest first. */
    private final Deque<Path> spilled = new ArrayDeque<>();
    private boolean writing;
    private boolean failing;
    private boolean spilling;
    /** Journeys of a batch the database refused for its content: written one by one to find which. */
    private final Deque<CallJourneyRef> suspects = new ArrayDeque<>();
    private final Counter refusedCounter;
    private long forgetTimer = -1;
    /** Where events arrive and all of this object's state lives. */
    private volatile Context context;

    /**
     * @param leftOver spill files an earlier run left (see {@link #leftOver}); stored first
     */
    public JourneyRecorder(Vertx vertx, JourneyTracker tracker, JourneyStore store, MeterRegistry registry,
                           JourneySpill spill, int heldInMemory, List<Path> leftOver) {
        this.vertx = vertx;
        this.tracker = tracker;
        this.store = store;
        this.spill = spill;
        this.heldInMemory = heldInMemory;
        spilled.addAll(leftOver);
        if (!leftOver.isEmpty()) {
            log.info("{} file(s) of call journeys not yet stored were left in {}; they are stored first",
                    leftOver.size(), spill.dir());
        }
        refusedCounter = Counter.builder("switchboard.calls.refused")
                .description("Call journeys the database refused for their content, kept in a file instead")
                .register(registry);
        Gauge.builder("switchboard.calls.unsaved", dirty, Set::size)
                .description("Call journeys changed and not yet stored, held in memory").register(registry);
        Gauge.builder("switchboard.calls.spill.files", spilled, Deque::size)
                .description("Files of call journeys written to disk while the database was away, not yet stored")
                .register(registry);
        FunctionCounter.builder("switchboard.calls.events.unmatched", tracker, JourneyTracker::unmatched)
                .description("Call events about a call or queue leg whose start was not seen").register(registry);
        FunctionCounter.builder("switchboard.calls.ivr.accounts.rejected", tracker, JourneyTracker::rejectedAccounts)
                .description("IVR account values that are not account numbers").register(registry);
        Gauge.builder("switchboard.calls.followed", tracker, JourneyTracker::size)
                .description("Calls currently followed in memory").register(registry);
    }

    /** The spill files an earlier run left behind, oldest first (blocking: call off the event loop). */
    public static List<Path> leftOver(JourneySpill spill) {
        try {
            return spill.files();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spill.dir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTelephonyEvent(TelephonyEvent event) {
        if (context == null) {
            context = Vertx.currentContext(); // every event comes on this one
        }
        coverage.heard(event);
        if (forgetTimer < 0) {
            forgetTimer = vertx.setPeriodic(60_000, id -> tracker.forget(KEEP_ENDED, KEEP_SILENT, dirty));
        }
        long unmatchedBefore = tracker.unmatched();
        Set<CallJourneyRef> changed = tracker.apply(event);
        if (tracker.unmatched() > unmatchedBefore) {
            unmatchedLog.warn("{} from {} is about a call or queue leg not seen starting; kept what it says",
                    event.getClass().getSimpleName(), event.server());
        }
        dirty.addAll(changed);
        if (!changed.isEmpty() || !spilled.isEmpty()) {
            write();
        }
    }

    /** Called with each batch of journeys once it is stored (tests and live views wait on it). */
    public void onPersisted(Consumer<List<JourneyRecord>> listener) {
        persistedListeners.add(listener);
    }

    /** Completes once every change seen so far is stored; callable from any thread. */
    public Future<Void> whenIdle() {
        Context events = context;
        if (events == null) {
            return Future.succeededFuture(); // no event yet: nothing to store
        }
        Promise<Void> promise = Promise.promise();
        events.runOnContext(v -> {
            if (idle()) {
                promise.complete();
            } else {
                idleWaiters.add(promise);
            }
        });
        return promise.future();
    }

    /**
     * At shutdown: stops the clean-up timer and completes once every change is stored; what the
     * database does not take within 10 s is written to the spill for the next start.
     */
    @Override
    public Future<Void> drain() {
        vertx.cancelTimer(forgetTimer);
        return whenIdle().timeout(10, TimeUnit.SECONDS).recover(e -> onEventContext(() -> {
            log.warn("The database did not take {} call journey(s) before shutdown; keeping them in {}",
                    dirty.size(), spill.dir());
            return spillDirty();
        }));
    }

    /** Runs {@code work} on the context the events arrive on, where this recorder's state lives. */
    private <T> Future<T> onEventContext(Supplier<Future<T>> work) {
        Context events = context;
        if (events == null) {
            return work.get();
        }
        Promise<T> done = Promise.promise();
        events.runOnContext(v -> work.get().onComplete(done));
        return done.future();
    }

    /**
     * Holds queue legs Asterisk's queue_log tells of against the calls followed (see
     * {@link JourneyTracker#applyQueueLog}): legs AMI was heard for throughout are compared, the
     * others repaired. Stored calls the tracker no longer follows are read back first. Completes
     * once every repair is stored; deferred (nothing done) while the server's link is not up and
     * resynchronised, since a live call's state is only known then.
     */
    public Future<Reconciled> reconcile(String server, List<QueueLogLeg> legs) {
        return onEventContext(() -> {
            if (!coverage.upAndResynchronised(server)) {
                return Future.succeededFuture(Reconciled.DEFERRED);
            }
            Set<String> notFollowed = tracker.notFollowed(server, legs.stream().map(QueueLogLeg::callid).toList());
            Future<List<JourneyRecord>> stored = notFollowed.isEmpty() ? Future.succeededFuture(List.of())
                    : store.byChannels(server, notFollowed);
            return stored.compose(records -> onEventContext(() -> Future.succeededFuture(apply(server, legs, records))));
        }).compose(reconciled -> whenIdle().map(reconciled));
    }

    private Reconciled apply(String server, List<QueueLogLeg> legs, List<JourneyRecord> stored) {
        stored.forEach(tracker::adopt);
        List<String> repairs = new ArrayList<>();
        List<Reconciled.Disagreement> disagreements = new ArrayList<>();
        List<JourneyTracker.QueueLogApplied> all = tracker.applyQueueLog(server, legs,
                leg -> coverage.covered(server, leg.enteredAt(), leg.lastLineAt()));
        for (int i = 0; i < legs.size(); i++) {
            QueueLogLeg leg = legs.get(i);
            JourneyTracker.QueueLogApplied applied = all.get(i);
            dirty.addAll(applied.changed());
            repairs.addAll(applied.repairs());
            applied.disagreements().forEach(d -> disagreements.add(
                    new Reconciled.Disagreement(leg.callid(), leg.queue(), d.field(), d.ami(), d.queueLog())));
        }
        write();
        return new Reconciled(false, repairs, disagreements);
    }

    /**
     * What one {@link #reconcile} did: the kinds of repair made (one entry each), and where AMI and
     * queue_log disagreed on legs AMI was heard for.
     */
    public record Reconciled(boolean deferred, List<String> repairs, List<Disagreement> disagreements) {

        static final Reconciled DEFERRED = new Reconciled(true, List.of(), List.of());

        /** AMI said {@code ami} and queue_log {@code queueLog} of {@code field} of call {@code callid} in {@code queue}. */
        public record Disagreement(String callid, String queue, String field, String ami, String queueLog) {
        }
    }

    private boolean idle() {
        return dirty.isEmpty() && suspects.isEmpty() && !writing && spilled.isEmpty() && !spilling;
    }

    private void write() {
        if (writing || failing || spilling) {
            return;
        }
        if (!spilled.isEmpty()) {
            storeOldestSpill();
            return;
        }
        if (dirty.isEmpty() && suspects.isEmpty()) {
            return;
        }
        List<CallJourneyRef> batch = new ArrayList<>(suspects.isEmpty() ? dirty : List.of(suspects.poll()));
        batch.forEach(dirty::remove);
        List<JourneyRecord> records = batch.stream().map(tracker::record).flatMap(Optional::stream).toList();
        writing = true;
        store.save(records).onComplete(done -> {
            writing = false;
            if (done.succeeded()) {
                stored(records);
            } else if (DatabaseErrors.refusesContent(done.cause()) && records.size() == 1) {
                setAside(records.get(0), done.cause()).onComplete(v -> stored(List.of()));
            } else if (DatabaseErrors.refusesContent(done.cause())) {
                log.warn("The database refused a batch of {} call journey(s) ({}); storing them one by one",
                        records.size(), done.cause().getMessage());
                suspects.addAll(batch);
                write();
            } else {
                // Keep them; a newer state of the same journeys supersedes this one anyway.
                batch.forEach(dirty::add);
                failed(records.size() + " call journey(s)", done.cause());
            }
        });
    }

    /**
     * The database refuses this journey itself (not the connection): it is kept in a file of its
     * own beside the spill for someone to look at, counted, and no longer holds up the others.
     */
    private Future<Void> setAside(JourneyRecord record, Throwable cause) {
        refusedCounter.increment();
        log.error("The database refuses call {} from {} ({}); kept in {} and left out", record.linkedid(),
                record.server(), cause.getMessage(), spill.dir());
        return vertx.executeBlocking(() -> {
            spill.writeRefused(record);
            return null;
        }, false);
    }

    private void stored(List<JourneyRecord> records) {
        if (!records.isEmpty()) {
            persistedListeners.forEach(listener -> listener.accept(records));
        }
        write();
        if (idle()) {
            idleWaiters.forEach(Promise::tryComplete);
            idleWaiters.clear();
        }
    }

    /** A write failed: try again in a while, and keep memory bounded meanwhile. */
    private void failed(String what, Throwable cause) {
        failing = true;
        log.warn("Could not store {}, retrying in {} ms: {}", what, RETRY_MILLIS, cause.getMessage());
        vertx.setTimer(RETRY_MILLIS, id -> {
            failing = false;
            write();
        });
        if (dirty.size() > heldInMemory) {
            spillDirty();
        }
    }

    /** Stores the oldest spill file, then deletes it; an unreadable one is set aside and reported. */
    private void storeOldestSpill() {
        Path file = spilled.peekFirst();
        writing = true;
        vertx.executeBlocking(() -> spill.read(file), false).onComplete(read -> {
            if (read.failed()) {
                writing = false;
                spilled.pollFirst();
                log.error("Setting aside {}: {}", file, read.cause().getMessage());
                vertx.executeBlocking(() -> {
                    spill.setAside(file);
                    return null;
                }, false).onComplete(v -> write());
                return;
            }
            List<JourneyRecord> records = read.result();
            store.save(records)
                    .recover(e -> DatabaseErrors.refusesContent(e) ? oneByOne(records) : Future.failedFuture(e))
                    .compose(v -> vertx.executeBlocking(() -> {
                        spill.delete(file);
                        return null;
                    }, false))
                    .onComplete(done -> {
                        writing = false;
                        if (done.succeeded()) {
                            spilled.pollFirst();
                            log.info("Stored {} call journey(s) kept in {} while the database was away ({} file(s) to go)",
                                    records.size(), file.getFileName(), spilled.size());
                            stored(records);
                        } else {
                            failed(records.size() + " call journey(s) from " + file.getFileName(), done.cause());
                        }
                    });
        });
    }

    /** Stores these one at a time; those the database refuses for their content are kept aside. */
    private Future<Void> oneByOne(List<JourneyRecord> records) {
        Future<Void> chain = Future.succeededFuture();
        for (JourneyRecord record : records) {
            chain = chain.compose(v -> store.save(List.of(record))
                    .recover(e -> DatabaseErrors.refusesContent(e) ? setAside(record, e) : Future.failedFuture(e)));
        }
        return chain;
    }

    /**
     * Writes every unsaved journey to a spill file and lets go of them in memory; they are stored
     * from the file, before anything newer. Nothing else is written meanwhile.
     */
    private Future<Void> spillDirty() {
        if (dirty.isEmpty() || spilling) {
            return Future.succeededFuture();
        }
        List<CallJourneyRef> batch = new ArrayList<>(dirty);
        List<JourneyRecord> records = batch.stream().map(tracker::record).flatMap(Optional::stream).toList();
        dirty.clear();
        spilling = true;
        return vertx.executeBlocking(() -> {
            spill.write(records);
            return spill.files();
        }, false).onComplete(done -> {
            spilling = false;
            if (done.succeeded()) {
                spilled.clear();
                spilled.addAll(done.result());
                log.warn("The database is away: {} call journey(s) written to {} ({} file(s) waiting)",
                        records.size(), spill.dir(), spilled.size());
            } else {
                batch.forEach(dirty::add);
                log.error("Could not write {} call journey(s) to {} either; they stay in memory: {}",
                        records.size(), spill.dir(), done.cause().getMessage());
            }
            write();
        }).mapEmpty();
    }
}
