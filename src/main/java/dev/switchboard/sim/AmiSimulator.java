package dev.switchboard.sim;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A simulated Asterisk: a real TCP AMI server. Every client that connects gets the banner, logs
 * in, and then hears its own {@link EventFeed} from the start.
 */
public final class AmiSimulator {

    private static final Logger log = LoggerFactory.getLogger(AmiSimulator.class);

    private final Vertx vertx;
    private final SimCredentials credentials;
    private final Supplier<EventFeed> feeds;
    private final String banner;
    private final Runnable onClientHeardEverything;
    private final Set<AmiSession> sessions = ConcurrentHashMap.newKeySet();
    private static final int ACTIONS_KEPT = 1_000;
    private final List<AmiMessage> actions = new CopyOnWriteArrayList<>();
    private volatile Predicate<AmiMessage> originateAnswered = action -> true;
    private NetServer server;
    private String host;
    private int port;

    public AmiSimulator(Vertx vertx, SimCredentials credentials, String banner, Supplier<EventFeed> feeds,
                        Runnable onClientHeardEverything) {
        this.vertx = vertx;
        this.credentials = credentials;
        this.banner = banner;
        this.feeds = feeds;
        this.onClientHeardEverything = onClientHeardEverything;
    }

    /** Listens on {@code host:port} (0 for any free port); the port actually bound. */
    public Future<Integer> listen(String host, int port) {
        this.host = host;
        NetServer server = vertx.createNetServer();
        this.server = server;
        server.connectHandler(socket -> {
            AmiSession[] session = new AmiSession[1];
            session[0] = new AmiSession(socket, credentials, feeds.get(), banner, onClientHeardEverything,
                    () -> sessions.remove(session[0]), this::actionReceived);
            sessions.add(session[0]);
            session[0].begin();
        });
        server.exceptionHandler(e -> log.warn("Simulator connection failed: {}", e.getMessage()));
        return server.listen(port, host).map(s -> {
            log.info("Simulated Asterisk (AMI) listening on {}:{}", host, s.actualPort());
            this.port = s.actualPort();
            return s.actualPort();
        });
    }

    /**
     * Asterisk restarting: stops listening and closes every client's connection, then listens on
     * the same address again after {@code away}. Completes once it listens again.
     */
    public Future<Integer> restart(Duration away) {
        log.info("Simulated Asterisk restarting: away for {} ms", away.toMillis());
        return server.close().compose(closed -> {
            dropClients();
            Promise<Void> back = Promise.promise();
            vertx.setTimer(Math.max(1, away.toMillis()), id -> back.complete());
            return back.future();
        }).compose(v -> listen(host, port));
    }

    /** Closes every client's connection (an Asterisk restart, as clients see it); how many. */
    public int dropClients() {
        List<AmiSession> current = List.copyOf(sessions);
        current.forEach(AmiSession::drop);
        return current.size();
    }

    /** Every current client's connection goes silent but stays open (half-open); how many. */
    public int silenceClients() {
        List<AmiSession> current = List.copyOf(sessions);
        current.forEach(AmiSession::silence);
        return current.size();
    }

    /** Every current client's connection slows to {@code bytesPerSecond} (a trickle); how many. */
    public int trickleToClients(int bytesPerSecond) {
        List<AmiSession> current = List.copyOf(sessions);
        current.forEach(session -> session.trickle(bytesPerSecond));
        return current.size();
    }

    /**
     * Every current client's Pongs go out {@code delay} after their Pings while its events keep
     * flowing (a client that reads behind a flood sees this); zero ends it. How many.
     */
    public int delayPongs(Duration delay) {
        List<AmiSession> current = List.copyOf(sessions);
        current.forEach(session -> session.delayPongs(delay));
        return current.size();
    }

    /** Writes raw bytes to every logged-in client, between messages of its feed. */
    public void writeRawToClients(Buffer bytes) {
        sessions.forEach(session -> session.writeRaw(bytes));
    }

    /** The last {@value #ACTIONS_KEPT} Originate and QueuePause actions clients sent, in order. */
    public List<AmiMessage> actions() {
        return List.copyOf(actions);
    }

    /**
     * Decides, per Originate, whether the first channel answers (OriginateResponse Success,
     * Reason 4) or rings out (Failure, Reason 3). Everyone answers until told otherwise.
     */
    public void originateAnswered(Predicate<AmiMessage> answers) {
        this.originateAnswered = answers;
    }

    /** Records the action; for an Originate, whether its first channel answers. */
    private boolean actionReceived(AmiMessage action) {
        actions.add(action);
        if (actions.size() > ACTIONS_KEPT) {
            actions.remove(0);
        }
        return originateAnswered.test(action);
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
