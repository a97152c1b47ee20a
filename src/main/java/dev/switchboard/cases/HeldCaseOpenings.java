package dev.switchboard.cases;

import dev.switchboard.store.DatabaseErrors;
import dev.switchboard.store.SpoolDirectory;
import dev.switchboard.web.UnavailableException;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Case openings asked for while the database was away: each is written to its own file under the
 * data directory ({@code held-cases/}) before the agent is told it is held, and opened, oldest
 * first, as soon as the database answers again (every few seconds, and at start). The opening's
 * reference makes sending it twice harmless. A case whose call is not stored yet waits for it a
 * little, then opens without the link (its trail says so). One the database refuses for its
 * content is moved to {@code held-cases/refused.jsonl} and logged, never dropped.
 */
public final class HeldCaseOpenings extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(HeldCaseOpenings.class);
    /** At most this many openings wait; past it the agent is told to try again later. */
    public static final int MAX_HELD = 10_000;
    private static final long RETRY_MILLIS = 5_000;
    private static final Duration WAIT_FOR_CALL = Duration.ofMinutes(2);

    private final SpoolDirectory spool;
    private final CaseStore store;
    private final Clock clock;
    private final AtomicInteger held = new AtomicInteger();
    private final Counter refused;
    /** When each held file was first found waiting for its call to be stored. */
    private final Map<Path, Instant> waitingForCall = new HashMap<>();
    private long timer;
    private boolean opening;

    public HeldCaseOpenings(Path dir, CaseStore store, MeterRegistry registry, Clock clock) {
        this.spool = new SpoolDirectory(dir, "case-", ".json");
        this.store = store;
        this.clock = clock;
        Gauge.builder("switchboard.cases.held", held, AtomicInteger::get)
                .description("case openings held on disk until the database is back").register(registry);
        this.refused = Counter.builder("switchboard.cases.held.refused")
                .description("held case openings the database refused for their content").register(registry);
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> spool.files().size(), false).onSuccess(count -> {
            held.set(count);
            if (count > 0) {
                log.info("{} case openings held from before are opened as soon as the database answers", count);
            }
            timer = vertx.setPeriodic(0, RETRY_MILLIS, id -> openHeld());
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    /** How many openings are held now. */
    public int count() {
        return held.get();
    }

    /**
     * Holds an opening on disk; what the agent is told. Past {@link #MAX_HELD} it is refused
     * with 503 instead. Any thread.
     */
    public Future<JsonObject> hold(NewCase request, AuthenticatedUser user, String reference) {
        if (held.get() >= MAX_HELD) {
            return Future.failedFuture(new UnavailableException("database_unavailable", "The database is unavailable and "
                    + MAX_HELD + " case openings are already held; try again when it is back."));
        }
        Instant now = clock.instant();
        JsonObject line = new JsonObject().put("reference", reference).put("heldAt", now.toString())
                .put("user", new JsonObject().put("id", user.id()).put("username", user.username())
                        .put("role", user.role()))
                .put("request", new JsonObject().put("accountNumber", request.accountNumber())
                        .put("channel", request.channel()).put("category", request.category())
                        .put("priority", request.priority()).put("description", request.description())
                        .put("callLinkedid", request.callLinkedid()));
        return vertx.executeBlocking(() -> spool.write(List.of(line.encode())), false).compose(file -> {
            int count = held.incrementAndGet();
            log.warn("The database is unavailable: case opening {} by {} for account {} is held in {} ({} held)",
                    reference, user.username(), request.accountNumber(), file.getFileName(), count);
            return Future.succeededFuture(new JsonObject().put("held", true).put("reference", reference)
                    .put("heldAt", now.toString())
                    .put("message", "The database is unavailable: the case is held and will be opened as soon as"
                            + " it is back. Nothing needs to be typed again."));
        }, e -> {
            log.error("The database is unavailable and case opening {} by {} could not be held in {} either: {}",
                    reference, user.username(), spool.dir(), e.toString());
            return Future.failedFuture(new UnavailableException("database_unavailable", "The database is unavailable"
                    + " and the case could not be kept for later; try again in a few seconds."));
        });
    }

    /** Opens what is held, oldest first, until the database is away again; on this verticle's context. */
    private void openHeld() {
        if (opening || held.get() == 0) {
            return;
        }
        opening = true;
        vertx.executeBlocking(spool::files, false)
                .compose(files -> openEach(files, 0))
                .onComplete(done -> opening = false);
    }

    private Future<Void> openEach(List<Path> files, int index) {
        if (index == files.size()) {
            return Future.succeededFuture();
        }
        Path file = files.get(index);
        return vertx.executeBlocking(() -> read(file), false)
                .compose(waiting -> open(file, waiting), e -> {
                    log.error("Held case opening {} cannot be read ({}); it is set aside, not opened", file,
                            e.getMessage());
                    return vertx.executeBlocking(() -> {
                        spool.setAside(file);
                        return null;
                    }, false).map(v -> done(file));
                })
                .compose(goOn -> goOn ? openEach(files, index + 1) : Future.succeededFuture());
    }

    /** One held opening as written by {@link #hold}. */
    private record Held(String reference, AuthenticatedUser user, NewCase request, JsonObject line) {
    }

    private Held read(Path file) throws IOException {
        try {
            JsonObject line = new JsonObject(spool.lines(file).get(0));
            JsonObject u = line.getJsonObject("user");
            JsonObject r = line.getJsonObject("request");
            String reference = line.getString("reference");
            if (reference == null || r.getString("accountNumber") == null || r.getString("description") == null) {
                throw new IllegalArgumentException("reference, account number or description missing");
            }
            return new Held(reference, new AuthenticatedUser(u.getLong("id"), u.getString("username"),
                    u.getString("role")), new NewCase(r.getString("accountNumber"), r.getString("channel"),
                    r.getString("category"), r.getString("priority"), r.getString("description"),
                    r.getString("callLinkedid")), line);
        } catch (RuntimeException e) {
            throw new IOException("not a held case opening: " + e.getMessage(), e);
        }
    }

    /** Opens one; whether to go on with the next (not when the database is still away). */
    private Future<Boolean> open(Path file, Held waiting) {
        AuthenticatedUser user = waiting.user();
        NewCase request = waiting.request();
        JsonObject line = waiting.line();
        Instant firstWaited = waitingForCall.get(file);
        boolean waitedLongEnough = firstWaited != null
                && !clock.instant().isBefore(firstWaited.plus(WAIT_FOR_CALL));
        CaseStore.CallLink link = waitedLongEnough ? CaseStore.CallLink.IF_STORED : CaseStore.CallLink.REQUIRED;
        String reference = waiting.reference();
        return store.open(request, user, reference, link).compose(opened -> {
            log.info("Held case opening {} by {} is now case {}", reference, user.username(), opened.getLong("id"));
            return vertx.executeBlocking(() -> {
                spool.delete(file);
                return null;
            }, false).map(v -> done(file));
        }, e -> {
            if (DatabaseErrors.unreachable(e)) {
                return Future.succeededFuture(false);
            }
            if (isUnstoredCall(e, request)) {
                waitingForCall.putIfAbsent(file, clock.instant());
                return Future.succeededFuture(true); // the call may still be on its way to the database
            }
            refused.increment();
            String why = e instanceof ValidationException v ? v.fields().toString() : String.valueOf(e.getMessage());
            log.error("Held case opening {} by {} was refused ({}); it is kept in {}", reference, user.username(),
                    why, spool.dir().resolve("refused.jsonl"));
            return vertx.executeBlocking(() -> {
                spool.appendTo("refused.jsonl", line.put("refusedBecause", why).encode());
                spool.delete(file);
                return null;
            }, false).map(v -> done(file));
        });
    }

    private static boolean isUnstoredCall(Throwable e, NewCase request) {
        return request.callLinkedid() != null && e instanceof ValidationException v
                && v.fields().containsKey("callLinkedid");
    }

    private boolean done(Path file) {
        held.decrementAndGet();
        waitingForCall.remove(file);
        return true;
    }

    /** Where the files are (for the README's "Where data lives" and for tests). */
    public Path dir() {
        return spool.dir();
    }
}
