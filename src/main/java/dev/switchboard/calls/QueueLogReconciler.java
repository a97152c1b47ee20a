package dev.switchboard.calls;

import dev.switchboard.config.QueueLogConfig;
import dev.switchboard.health.HealthDetail;
import dev.switchboard.telephony.RateLimitedLog;
import dev.switchboard.telephony.queuelog.FilePosition;
import dev.switchboard.telephony.queuelog.QueueLogCalls;
import dev.switchboard.telephony.queuelog.QueueLogFile;
import dev.switchboard.telephony.queuelog.QueueLogLeg;
import dev.switchboard.telephony.queuelog.QueueLogParser;
import dev.switchboard.telephony.queuelog.QueueLogPositions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows each Asterisk's own queue_log and holds every queue leg it tells of against the calls
 * followed over AMI ({@link JourneyRecorder#reconcile}): where AMI was not listening (a start, a
 * reconnect) the stored calls are repaired from it, so no call is lost or left open; where AMI was
 * listening, they are compared and each disagreement counted and logged, the early warning of an
 * Asterisk whose events changed. Its place in each file is kept in the database
 * ({@link QueueLogPositions}), saved only after what was read before it is stored; a restart reads
 * again from the first line of the oldest leg still open. A file that is missing or unreadable is
 * a warning and a {@code /health} degradation: calls are then followed from AMI alone.
 */
public final class QueueLogReconciler extends VerticleBase implements HealthDetail {

    private static final Logger log = LoggerFactory.getLogger(QueueLogReconciler.class);
    /** Lines read per poll at most, so a long backlog is worked through in steps. */
    private static final int LINES_PER_READ = 5_000;

    private final QueueLogConfig config;
    private final Map<String, Path> files;
    private final JourneyRecorder recorder;
    private final QueueLogPositions positions;
    private final ZoneId zone;
    private final Clock clock;
    private final MeterRegistry registry;
    private final List<Follower> followers = new ArrayList<>();
    private volatile boolean stopped;

    /** {@code files}: the queue_log of each server to follow, by its label. */
    public QueueLogReconciler(QueueLogConfig config, Map<String, Path> files, JourneyRecorder recorder,
                              QueueLogPositions positions, ZoneId zone, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.files = Map.copyOf(files);
        this.recorder = recorder;
        this.positions = positions;
        this.zone = zone;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        files.forEach((server, path) -> followers.add(new Follower(server, path)));
        return Future.all(followers.stream().map(Follower::start).toList());
    }

    /**
     * Lets each follower finish the poll in hand (its repairs stored, its place saved; at most 10 s,
     * as the database may be away), then closes the files.
     */
    @Override
    public Future<?> stop() {
        stopped = true;
        return Future.join(followers.stream().map(f -> f.polling.timeout(10, TimeUnit.SECONDS)).toList()).transform(v -> vertx.executeBlocking(() -> {
            followers.forEach(Follower::close);
            return null;
        }, false));
    }

    @Override
    public String name() {
        return "queueLog";
    }

    @Override
    public JsonObject state() {
        JsonArray all = new JsonArray();
        followers.forEach(f -> all.add(f.view));
        return new JsonObject().put("files", all);
    }

    @Override
    public List<String> degradations() {
        return followers.stream().map(f -> f.view).filter(v -> !List.of("FOLLOWING", "STARTING").contains(v.getString("state")))
                .map(v -> "queue_log of " + v.getString("server") + " at " + v.getString("path") + " is "
                        + v.getString("state") + " (" + v.getString("reason") + "): calls that end while Switchboard "
                        + "is not listening cannot be recovered")
                .toList();
    }

    /** A leg queue_log has decided, waiting to be held against AMI's record; {@code readAt} on Switchboard's clock. */
    private record Pending(QueueLogLeg leg, Instant readAt) {
    }

    /** Follows one server's file; all its state lives on this verticle's context. */
    private final class Follower {
        private final String server;
        private final Path path;
        private final QueueLogCalls calls = new QueueLogCalls();
        private final Map<String, Pending> pending = new LinkedHashMap<>();
        /**
         * Legs not yet done with whose first lines are in a file rotated away: where each starts there,
         * so a restart reads that file again from there while it lies beside the path.
         */
        private final Map<String, OlderStart> inOlderFile = new HashMap<>();
        private final RateLimitedLog malformedLog = new RateLimitedLog(log, 60_000);
        private final RateLimitedLog disagreementLog = new RateLimitedLog(log, 10_000);
        private final RateLimitedLog failureLog = new RateLimitedLog(log, 60_000);
        private final Counter lines;
        private final Counter malformed;
        private final Counter rotations;
        private final Counter lostBytes;
        private final AtomicLong unread = new AtomicLong();
        private QueueLogFile file;
        /** On a first start, legs that entered before today are only read past, not applied. */
        private Instant applyFrom = Instant.MIN;
        private QueueLogFile.State lastState;
        private long lastSavedChecked = -1;
        private FilePosition lastSavedResume;
        /** Legs held against AMI's record so far (compared or repaired). */
        private long checked;
        private long repairs;
        private long disagreements;
        private String lastDisagreement;
        private Instant lastLineAt;
        /** The poll in hand; complete between polls. */
        private Future<Void> polling = Future.succeededFuture();
        private QueueLogFile.Status status;
        private long offset = -1;
        private long size = -1;
        private volatile JsonObject view;

        Follower(String server, Path path) {
            this.server = server;
            this.path = path;
            lines = counter("switchboard.queuelog.lines", "queue_log lines read");
            malformed = counter("switchboard.queuelog.lines.malformed", "queue_log lines that could not be read, skipped");
            rotations = counter("switchboard.queuelog.rotations", "times queue_log was rotated while followed");
            lostBytes = counter("switchboard.queuelog.lost.bytes",
                    "bytes of queue_log that could not be read (truncated or removed before they were)");
            Gauge.builder("switchboard.queuelog.unread.bytes", unread, AtomicLong::get).tag("server", server)
                    .description("bytes of queue_log written and not yet read").register(registry);
            view = view();
        }

        private Counter counter(String name, String description) {
            return Counter.builder(name).tag("server", server).description(description).register(registry);
        }

        Future<Void> start() {
            return positions.load(server).map(saved -> {
                if (saved.isPresent() && saved.get().path().equals(path)) {
                    file = new QueueLogFile(path, saved.get().file());
                    lastLineAt = saved.get().lastLineAt();
                    log.info("Reading {}'s queue_log {} on from byte {}", server, path, saved.get().resumeOffset());
                } else {
                    file = new QueueLogFile(path);
                    applyFrom = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant();
                    log.info("Reading {}'s queue_log {} for the first time: calls from {} on are checked", server,
                            path, applyFrom);
                }
                return null;
            }).onSuccess(v -> poll()).mapEmpty();
        }

        void close() {
            if (file != null) {
                file.close();
            }
        }

        private void poll() {
            if (stopped) {
                return;
            }
            Promise<Void> done = Promise.promise();
            polling = done.future();
            vertx.executeBlocking(() -> file.readMore(LINES_PER_READ), false)
                    .compose(batch -> {
                        read(batch);
                        return reconcileDue().compose(v -> save(batch)).map(batch.lines().size() >= LINES_PER_READ);
                    })
                    .onComplete(read -> {
                        if (read.failed()) {
                            failureLog.warn("Could not reconcile {}'s queue_log, trying again: {}", server,
                                    read.cause().getMessage());
                        }
                        view = view();
                        if (!stopped) {
                            boolean more = read.succeeded() && read.result();
                            vertx.setTimer(more ? 1 : config.poll().toMillis(), id -> poll());
                        }
                        done.complete();
                    });
        }

        private void read(QueueLogFile.Batch batch) {
            stateChanged(batch.status());
            batch.events().forEach(this::fileEvent);
            List<QueueLogFile.Finished> finished = batch.finished();
            int next = 0;
            for (int i = 0; i < batch.lines().size(); i++) {
                while (next < finished.size() && finished.get(next).lines() <= i) {
                    fileFinished(finished.get(next++).file());
                }
                QueueLogParser.Result result = batch.lines().get(i);
                if (result instanceof QueueLogParser.Malformed bad) {
                    malformed.increment();
                    malformedLog.warn("Skipped a line of {}'s queue_log {} at byte {}: {} ({})", server, path,
                            bad.offset(), bad.reason(), bad.excerpt());
                    continue;
                }
                var line = ((QueueLogParser.Parsed) result).line();
                lines.increment();
                lastLineAt = Instant.ofEpochSecond(line.epochSecond());
                for (QueueLogLeg leg : calls.accept(line)) {
                    if (leg.outcomeFinal() && !leg.enteredAt().isBefore(applyFrom)) {
                        pending.put(key(leg), new Pending(leg, clock.instant()));
                    }
                }
            }
            while (next < finished.size()) {
                fileFinished(finished.get(next++).file());
            }
            offset = batch.position() == null ? 0 : batch.position().offset();
            size = batch.size();
            status = batch.status();
            unread.set(size < 0 ? 0 : Math.max(0, size - offset));
        }

        /** {@code file} was read to its end: the legs not yet done with started there (or in one before it). */
        private void fileFinished(FilePosition file) {
            List<QueueLogLeg> started = new ArrayList<>(calls.open());
            pending.values().forEach(p -> started.add(p.leg()));
            for (QueueLogLeg leg : started) {
                inOlderFile.putIfAbsent(key(leg), new OlderStart(
                        new FilePosition(file.fileKey(), file.firstLineSha256(), leg.firstOffset()), leg.enteredAt()));
            }
        }

        private void stateChanged(QueueLogFile.Status status) {
            if (status.state() == lastState) {
                return;
            }
            if (status.state() != QueueLogFile.State.FOLLOWING) {
                log.warn("queue_log of {} is {} at {} ({}): calls that end while Switchboard is not listening "
                        + "cannot be recovered; following AMI alone until it can be read", server,
                        status.state(), path, status.reason());
            } else if (lastState != null) {
                log.info("queue_log of {} can be read again at {}", server, path);
            }
            lastState = status.state();
        }

        private void fileEvent(QueueLogFile.Event event) {
            if (event instanceof QueueLogFile.Rotated) {
                rotations.increment();
                log.info("{}'s queue_log {} was rotated; read the old file to its end, reading the new one", server, path);
            } else if (event instanceof QueueLogFile.Truncated t) {
                log.warn("{}'s queue_log {} was cut short or written again from its start; reading it from its start",
                        server, path);
            } else if (event instanceof QueueLogFile.Recovered r) {
                log.info("{}'s queue_log rotated while Switchboard was stopped: read on in {} from byte {}", server,
                        r.file(), r.offset());
            } else if (event instanceof QueueLogFile.Lost lost) {
                lostBytes.increment(lost.bytes());
                log.warn("{} byte(s) of {}'s queue_log could not be read ({}): calls in them can only be known from AMI",
                        lost.bytes(), server, lost.reason());
            }
        }

        /** Holds the legs that are due against AMI's record; a leg stays pending while the link is not up. */
        private Future<Void> reconcileDue() {
            Instant due = clock.instant().minus(config.settle());
            List<Pending> ready = pending.values().stream().filter(p -> !p.readAt().isAfter(due)).toList();
            if (ready.isEmpty()) {
                return Future.succeededFuture();
            }
            return recorder.reconcile(server, ready.stream().map(Pending::leg).toList()).map(reconciled -> {
                if (reconciled.deferred()) {
                    return null;
                }
                checked += ready.size();
                ready.forEach(p -> {
                    if (pending.remove(key(p.leg()), p) && p.leg().complete()) {
                        inOlderFile.remove(key(p.leg()));
                    }
                });
                reconciled.repairs().forEach(kind -> {
                    repairs++;
                    Counter.builder("switchboard.queuelog.repairs").tag("server", server).tag("kind", kind)
                            .description("changes made to stored calls from queue_log, where AMI was not heard")
                            .register(registry).increment();
                });
                reconciled.disagreements().forEach(this::disagreement);
                return null;
            });
        }

        private void disagreement(JourneyRecorder.Reconciled.Disagreement d) {
            disagreements++;
            lastDisagreement = "call " + d.callid() + " in " + d.queue() + ": " + d.field() + " AMI=" + d.ami()
                    + " queue_log=" + d.queueLog();
            Counter.builder("switchboard.queuelog.disagreements").tag("server", server).tag("field", d.field())
                    .description("queue legs on which AMI and queue_log disagree while AMI was heard")
                    .register(registry).increment();
            disagreementLog.warn("queue_log and AMI of {} disagree on {}", server, lastDisagreement);
        }

        /**
         * Saves where to read on from after a restart: the first line of the oldest leg not yet done
         * with (still open, or decided and not yet held against AMI), else the end of what was read.
         */
        private Future<Void> save(QueueLogFile.Batch batch) {
            FilePosition at = batch.position();
            if (at == null || at.fileKey() == null) {
                return Future.succeededFuture();
            }
            long resume = at.offset();
            Set<String> notDone = new HashSet<>(pending.keySet());
            for (QueueLogLeg leg : calls.open()) {
                notDone.add(key(leg));
                if (!inOlderFile.containsKey(key(leg))) {
                    resume = Math.min(resume, leg.firstOffset());
                }
            }
            for (Pending p : pending.values()) {
                if (!inOlderFile.containsKey(key(p.leg())) && p.leg().firstOffset() <= at.offset()) {
                    resume = Math.min(resume, p.leg().firstOffset());
                }
            }
            inOlderFile.keySet().retainAll(notDone);
            FilePosition resumeFrom = new FilePosition(at.fileKey(), at.firstLineSha256(), resume);
            long checked = at.offset();
            // a leg not done with that started in a file rotated away: read on from there, that file first
            OlderStart oldest = inOlderFile.values().stream().min(Comparator.comparing(OlderStart::enteredAt))
                    .orElse(null);
            if (oldest != null) {
                long first = inOlderFile.values().stream()
                        .filter(o -> o.at().fileKey().equals(oldest.at().fileKey()))
                        .mapToLong(o -> o.at().offset()).min().orElseThrow();
                resumeFrom = new FilePosition(oldest.at().fileKey(), oldest.at().firstLineSha256(), first);
                checked = first;
            }
            if (resumeFrom.equals(lastSavedResume) && checked == lastSavedChecked) {
                return Future.succeededFuture();
            }
            FilePosition savedFrom = resumeFrom;
            long savedChecked = checked;
            return positions.save(new QueueLogPositions.Saved(server, path, savedFrom, savedChecked, lastLineAt,
                    clock.instant())).map(saved -> {
                        lastSavedResume = savedFrom;
                        lastSavedChecked = savedChecked;
                        return null;
                    });
        }

        private JsonObject view() {
            return new JsonObject().put("server", server).put("path", path.toString())
                    .put("state", status == null ? "STARTING" : status.state().name())
                    .put("reason", status == null ? null : status.reason()).put("offset", offset).put("size", size)
                    .put("lastLineAt", lastLineAt == null ? null : lastLineAt.toString())
                    .put("pending", pending.size()).put("checked", checked).put("repairs", repairs).put("disagreements", disagreements)
                    .put("lastDisagreement", lastDisagreement);
        }
    }

    /** Where a leg not yet done with starts in a file read before, and when it entered its queue. */
    private record OlderStart(FilePosition at, Instant enteredAt) {
    }

    private static String key(QueueLogLeg leg) {
        return leg.callid() + '|' + leg.queue() + '|' + leg.ordinal();
    }
}
