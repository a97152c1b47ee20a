package dev.switchboard.calls;

import dev.switchboard.telephony.TelephonyEvent;
import dev.switchboard.telephony.RateLimitedLog;
import dev.switchboard.telephony.TelephonyListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Feeds telephony events to the {@link JourneyTracker} and writes what changed behind it: one
 * transaction at a time, each carrying every journey changed since the last one, so a burst of
 * events costs a few writes, not one per event, and writes never overtake each other. A failed
 * write keeps its journeys dirty and is retried; nothing is dropped.
 */
public final class JourneyRecorder implements TelephonyListener {

    private static final Logger log = LoggerFactory.getLogger(JourneyRecorder.class);
    private static final Duration KEEP_ENDED = Duration.ofMinutes(5);
    private static final Duration KEEP_SILENT = Duration.ofHours(12);
    private static final long RETRY_MILLIS = 2_000;

    private final Vertx vertx;
    private final JourneyTracker tracker;
    private final JourneyStore store;
    private final RateLimitedLog unmatchedLog = new RateLimitedLog(log, 10_000);
    private final Set<CallJourneyRef> dirty = new LinkedHashSet<>();
    private final List<Consumer<List<JourneyRecord>>> persistedListeners = new ArrayList<>();
    private final List<Promise<Void>> idleWaiters = new ArrayList<>();
    private boolean writing;
    private boolean failing;
    private long forgetTimer = -1;

    public JourneyRecorder(Vertx vertx, JourneyTracker tracker, JourneyStore store, MeterRegistry registry) {
        this.vertx = vertx;
        this.tracker = tracker;
        this.store = store;
        FunctionCounter.builder("switchboard.calls.events.unmatched", tracker, JourneyTracker::unmatched)
                .description("Call events about a call or queue leg whose start was not seen").register(registry);
        FunctionCounter.builder("switchboard.calls.ivr.accounts.rejected", tracker, JourneyTracker::rejectedAccounts)
                .description("IVR account values that are not account numbers").register(registry);
        Gauge.builder("switchboard.calls.followed", tracker, JourneyTracker::size)
                .description("Calls currently followed in memory").register(registry);
    }

    @Override
    public void onTelephonyEvent(TelephonyEvent event) {
        if (forgetTimer < 0) {
            forgetTimer = vertx.setPeriodic(60_000, id -> tracker.forget(KEEP_ENDED, KEEP_SILENT, dirty));
        }
        long unmatchedBefore = tracker.unmatched();
        Set<CallJourneyRef> changed = tracker.apply(event);
        if (tracker.unmatched() > unmatchedBefore) {
            unmatchedLog.warn("{} from {} is about a call or queue leg not seen starting; kept what it says",
                    event.getClass().getSimpleName(), event.server());
        }
        if (!changed.isEmpty()) {
            dirty.addAll(changed);
            write();
        }
    }

    /** Called with each batch of journeys once it is stored (tests and live views wait on it). */
    public void onPersisted(Consumer<List<JourneyRecord>> listener) {
        persistedListeners.add(listener);
    }

    /** Completes once every change seen so far is stored. Call on the telephony context. */
    public Future<Void> whenIdle() {
        if (dirty.isEmpty() && !writing) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        idleWaiters.add(promise);
        return promise.future();
    }

    /** At shutdown: stops the clean-up timer and completes once every change is stored. */
    @Override
    public Future<Void> drain() {
        vertx.cancelTimer(forgetTimer);
        return whenIdle().timeout(10, TimeUnit.SECONDS);
    }

    private void write() {
        if (writing || dirty.isEmpty() || failing) {
            return;
        }
        List<CallJourneyRef> batch = new ArrayList<>(dirty);
        dirty.clear();
        List<JourneyRecord> records = batch.stream().map(tracker::record).flatMap(Optional::stream).toList();
        writing = true;
        store.save(records).onComplete(done -> {
            writing = false;
            if (done.succeeded()) {
                persistedListeners.forEach(listener -> listener.accept(records));
                write();
                if (dirty.isEmpty() && !writing) {
                    idleWaiters.forEach(Promise::tryComplete);
                    idleWaiters.clear();
                }
            } else {
                // Keep them; a newer state of the same journeys supersedes this one anyway.
                batch.forEach(dirty::add);
                failing = true;
                log.warn("Could not store {} call journey(s), retrying in {} ms: {}", records.size(), RETRY_MILLIS,
                        done.cause().getMessage());
                vertx.setTimer(RETRY_MILLIS, id -> {
                    failing = false;
                    write();
                });
            }
        });
    }
}
