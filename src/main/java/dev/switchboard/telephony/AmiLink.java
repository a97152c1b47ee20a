package dev.switchboard.telephony;

import dev.switchboard.config.AmiServerConfig;
import dev.switchboard.telephony.EventTranslator.Malformed;
import dev.switchboard.telephony.EventTranslator.Translated;
import dev.switchboard.telephony.TelephonyEvent.LinkChanged;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One Asterisk server: log in, resynchronise, hand events over, and keep the connection honest.
 * <p>
 * Threads: Asterisk-Java calls the listener on its dispatch thread; the listener only translates
 * and posts to this link's Vert.x context. Blocking Asterisk-Java calls (login, actions, logoff)
 * run on a one-thread worker, so they never block the event loop and never overlap. All state
 * below is touched on the context only.
 * <p>
 * A fresh {@link ManagerConnection} is made for every attempt: Asterisk-Java's own reconnect
 * starts only after a clean disconnect, and a half-open socket can stay "connected" for ever, so
 * the watchdog's Ping decides and this class does the reconnecting, with back-off.
 */
final class AmiLink {

    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

    /**
     * Events that must reach the listener while a Ping waits for the link to count as busy, not
     * dead, when the Pong is late. A Pong travels behind every event sent before it, so under a
     * flood (thousands a second) it can be late while the link is fine. A half-open connection
     * delivers nothing in the wait, and one trickling at 20 bytes/s not even one event (an event
     * is 200–400 bytes); ten is far above either and far below any flood, and a real Asterisk that
     * sends ten events in 4 s but cannot answer a Ping still keeps the live state moving.
     */
    static final int BUSY_EVENTS_DURING_PING = 10;

    private final Vertx vertx;
    private final Context context;
    private final AmiServerConfig config;
    private final LinkTimings timings;
    private final Consumer<TelephonyEvent> sink;
    private final AmiMetrics metrics;
    private final WorkerExecutor worker;
    private final Backoff backoff;
    private final EventTranslator translator;
    private final RateLimitedLog badInputLog = new RateLimitedLog(log, 10_000);
    private final RateLimitedLog latePingLog = new RateLimitedLog(log, 10_000);

    // read by /ready from other threads
    private volatile LinkState state = LinkState.DOWN;
    private volatile String detail = "not connected yet";
    private volatile String lastLoss = "";
    private ManagerConnection connection;
    private long generation;
    private long watchdogTimer = -1;
    private long retryTimer = -1;
    private boolean pingInFlight;
    private boolean everUp;
    private boolean stopped;
    private final Promise<Void> firstAttempt = Promise.promise();

    AmiLink(Vertx vertx, Context context, AmiServerConfig config, LinkTimings timings,
            Consumer<TelephonyEvent> sink, AmiMetrics metrics) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.timings = timings;
        this.sink = sink;
        this.metrics = metrics;
        this.worker = vertx.createSharedWorkerExecutor("ami-" + config.label(), 1);
        this.backoff = new Backoff(timings.firstRetry(), timings.maxRetry());
        this.translator = new EventTranslator(config.label());
    }

    String server() {
        return config.label();
    }

    LinkState state() {
        return state;
    }

    String detail() {
        return detail;
    }

    /** Where the link is, how often it came back, and why it was last lost; for diagnoses. */
    AmiLinkStatus status() {
        return new AmiLinkStatus(config.label(), state, detail, (long) metrics.reconnects.count(),
                (long) metrics.latePings.count(), lastLoss);
    }

    /** Starts connecting; completes when the first attempt has succeeded or failed. */
    Future<Void> start() {
        context.runOnContext(v -> connect());
        watchdogTimer = vertx.setPeriodic(timings.pingInterval().toMillis(), id -> context.runOnContext(v -> watch()));
        return firstAttempt.future();
    }

    Future<Void> stop() {
        Promise<Void> stoppedPromise = Promise.promise();
        context.runOnContext(ignored -> stopOnContext().onComplete(stoppedPromise));
        return stoppedPromise.future();
    }

    private Future<Void> stopOnContext() {
        stopped = true;
        vertx.cancelTimer(watchdogTimer);
        vertx.cancelTimer(retryTimer);
        ManagerConnection current = connection;
        connection = null;
        generation++;
        return worker.executeBlocking(() -> {
            logoffQuietly(current);
            return null;
        }).<Void>mapEmpty().eventually(() -> worker.close());
    }

    /**
     * Completes on this link's context once every event Asterisk sent before now has been handed
     * over: a Ping's response travels behind them through the same socket and dispatch queue.
     */
    Future<Void> roundTrip() {
        ManagerConnection current = connection;
        if (current == null || state != LinkState.UP) {
            return Future.failedFuture(new IllegalStateException(config.label() + " is " + state));
        }
        Promise<Void> handedOver = Promise.promise();
        worker.executeBlocking(() -> current.sendAction(new PingAction(), timings.pingTimeout().toMillis()))
                .onComplete(done -> context.runOnContext(v -> {
                    if (done.succeeded()) {
                        handedOver.complete();
                    } else {
                        handedOver.fail(done.cause());
                    }
                }));
        return handedOver.future();
    }

    /**
     * Sends one action (Originate, QueuePause) on this link's worker thread; completes with
     * Asterisk's response, failed when the link is not up or Asterisk answers with an error.
     */
    Future<ManagerResponse> send(ManagerAction action) {
        ManagerConnection current = connection;
        if (current == null || state != LinkState.UP) {
            return Future.failedFuture(new IllegalStateException(config.label() + " is " + state));
        }
        return worker.executeBlocking(() -> current.sendAction(action, timings.pingTimeout().toMillis()))
                .compose(response -> response instanceof ManagerError error
                        ? Future.failedFuture(new IllegalStateException(config.label() + " refused "
                        + action.getAction() + ": " + error.getMessage()))
                        : Future.succeededFuture(response));
    }

    private void connect() {
        if (stopped) {
            return;
        }
        long attempt = ++generation;
        moveTo(LinkState.CONNECTING, "logging in");
        worker.executeBlocking(() -> login(attempt)).onComplete(done -> {
            if (attempt != generation) {
                vertx.executeBlocking(() -> {
                    logoffQuietly(done.result());
                    return null;
                }, false);
                return;
            }
            if (done.failed()) {
                connectionLost(attempt, loginFailure(done.cause()));
                return;
            }
            connection = done.result();
            moveTo(LinkState.RESYNCING, "asking QueueStatus and CoreShowChannels");
            resync(attempt);
        });
    }

    private ManagerConnection login(long attempt) throws Exception {
        ManagerConnectionFactory factory = new ManagerConnectionFactory(config.host(), config.port(),
                config.user(), config.secret());
        ManagerConnection managerConnection = factory.createManagerConnection();
        managerConnection.setSocketTimeout((int) timings.connectTimeout().toMillis());
        if (managerConnection instanceof ManagerConnectionImpl impl) {
            impl.setDefaultResponseTimeout(timings.actionTimeout().toMillis());
            impl.setDefaultEventTimeout(timings.actionTimeout().toMillis());
        }
        managerConnection.setKeepAliveAfterAuthenticationFailure(false);
        managerConnection.registerUserEventClass(IvrAccountEvent.class);
        managerConnection.addEventListener(event -> onManagerEvent(attempt, event));
        try {
            managerConnection.login();
            return managerConnection;
        } catch (Exception e) {
            logoffQuietly(managerConnection);
            throw e;
        }
    }

    private void resync(long attempt) {
        ManagerConnection current = connection;
        worker.executeBlocking(() -> new Resync(current, config.label(), timings.actionTimeout()).run())
                .onComplete(done -> {
                    if (attempt != generation) {
                        return;
                    }
                    if (done.failed()) {
                        connectionLost(attempt, "resynchronisation failed: " + done.cause().getMessage());
                        return;
                    }
                    sink.accept(done.result());
                    backoff.reset();
                    if (everUp) {
                        metrics.reconnects.increment();
                    }
                    everUp = true;
                    moveTo(LinkState.UP, done.result().waiting().size() + " waiting, "
                            + done.result().channels().size() + " channels");
                });
    }

    /** Asterisk-Java's dispatch thread: translate, count, post. Nothing else. */
    private void onManagerEvent(long attempt, ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            context.runOnContext(v -> connectionLost(attempt, "connection closed by Asterisk"));
            return;
        }
        metrics.received.increment();
        EventTranslator.Result result = translator.translate(event);
        if (result instanceof Translated translated) {
            metrics.translated.increment();
            context.runOnContext(v -> {
                if (attempt == generation) {
                    sink.accept(translated.event());
                }
            });
        } else if (result instanceof Malformed malformed) {
            metrics.malformed.increment();
            badInputLog.warn("AMI {}: {} event without {} ignored", config.label(), malformed.eventName(),
                    malformed.missing());
        }
    }

    /**
     * Every few seconds while up: a Ping that must be answered in time, else the link is dead,
     * unless events kept arriving meanwhile: then it is busy, and stays up.
     */
    private void watch() {
        if (state != LinkState.UP || pingInFlight || stopped) {
            return;
        }
        long attempt = generation;
        ManagerConnection current = connection;
        if (current.getState() != ManagerConnectionState.CONNECTED) {
            connectionLost(attempt, "connection is " + current.getState());
            return;
        }
        pingInFlight = true;
        double heardBefore = metrics.received.count();
        worker.executeBlocking(() -> current.sendAction(new PingAction(), timings.pingTimeout().toMillis()))
                .onComplete(done -> {
                    pingInFlight = false;
                    if (attempt != generation) {
                        return;
                    }
                    long heardMeanwhile = (long) (metrics.received.count() - heardBefore);
                    if (done.failed() && done.cause() instanceof TimeoutException
                            && heardMeanwhile >= BUSY_EVENTS_DURING_PING) {
                        pingLateButBusy(heardMeanwhile);
                    } else if (done.failed()) {
                        connectionLost(attempt, "no answer to Ping within " + timings.pingTimeout().toSeconds()
                                + " s (" + done.cause().getClass().getSimpleName() + ", " + heardMeanwhile
                                + " events meanwhile)");
                    } else if (done.result() instanceof ManagerError error) {
                        connectionLost(attempt, "Ping refused: " + error.getMessage());
                    }
                });
    }

    private void pingLateButBusy(long heardMeanwhile) {
        metrics.latePings.increment();
        latePingLog.warn("AMI {}: no answer to Ping within {} s, but {} events arrived meanwhile: busy, "
                + "not dead; the link stays up", config.label(), timings.pingTimeout().toSeconds(), heardMeanwhile);
    }

    private void connectionLost(long attempt, String reason) {
        if (attempt != generation || stopped) {
            return;
        }
        generation++;
        lastLoss = reason;
        ManagerConnection lost = connection;
        connection = null;
        pingInFlight = false;
        Duration delay = backoff.nextDelay();
        moveTo(LinkState.DOWN, reason + "; next attempt in " + delay.toMillis() + " ms");
        if (lost != null) {
            // not on the link's own worker: a Logoff on a silent socket waits out its timeout
            vertx.executeBlocking(() -> {
                logoffQuietly(lost);
                return null;
            }, false);
        }
        retryTimer = vertx.setTimer(delay.toMillis(), id -> context.runOnContext(v -> connect()));
    }

    private void moveTo(LinkState next, String why) {
        LinkState previous = state;
        state = next;
        detail = why;
        if (next == LinkState.UP || next == LinkState.DOWN) {
            firstAttempt.tryComplete();
        }
        if (previous == next) {
            return;
        }
        if (next == LinkState.DOWN) {
            log.warn("AMI {}: down ({})", config.label(), why);
        } else if (next == LinkState.UP) {
            log.info("AMI {}: up and resynchronised ({})", config.label(), why);
        } else if (previous == LinkState.DOWN) {
            log.info("AMI {}: {}", config.label(), why);
        }
        if (next == LinkState.UP || previous == LinkState.UP) {
            sink.accept(new LinkChanged(config.label(), Instant.now(), next, why));
        }
    }

    private static String loginFailure(Throwable cause) {
        if (cause instanceof AuthenticationFailedException) {
            return "login refused: check the AMI user and secret in SWITCHBOARD_AMI";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "cannot log in (" + message + ")";
    }

    private static void logoffQuietly(ManagerConnection connection) {
        if (connection == null) {
            return;
        }
        try {
            ManagerConnectionState current = connection.getState();
            if (current == ManagerConnectionState.CONNECTED || current == ManagerConnectionState.RECONNECTING) {
                connection.logoff();
            }
        } catch (RuntimeException e) {
            log.debug("Logoff after a lost connection failed: {}", e.getMessage());
        }
    }
}
