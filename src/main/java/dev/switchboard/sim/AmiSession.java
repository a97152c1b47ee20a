package dev.switchboard.sim;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One client of the simulated Asterisk: banner, login (MD5 challenge or plain), then actions and
 * the event feed. Answers the way Asterisk's manager does, including refusing everything but
 * login before login and closing the connection after a failed one.
 */
final class AmiSession {

    private static final Logger log = LoggerFactory.getLogger(AmiSession.class);
    /** Longest line accepted from a client; a longer one ends the session, as garbage would. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NetSocket socket;
    private final SimCredentials credentials;
    private final EventFeed feed;
    private final String banner;
    private final Runnable onFinished;
    private final Runnable onClosed;
    private final Predicate<AmiMessage> actionSeen;
    private final List<String> pendingLines = new ArrayList<>();
    private String challenge;
    private boolean loggedIn;
    private boolean closed;
    private boolean silent;
    private Context context;
    /** While trickling: what is still to be written, a few bytes at a time. */
    private Buffer trickled;
    private long trickleTimer = -1;
    /** How long each Pong is held back (0: answered at once). */
    private long pongDelayMillis;

    AmiSession(NetSocket socket, SimCredentials credentials, EventFeed feed, String banner, Runnable onFinished,
               Runnable onClosed, Predicate<AmiMessage> actionSeen) {
        this.onClosed = onClosed;
        this.actionSeen = actionSeen;
        this.socket = socket;
        this.credentials = credentials;
        this.feed = feed;
        this.banner = banner;
        this.onFinished = onFinished;
    }

    void begin() {
        context = Vertx.currentContext();
        RecordParser parser = RecordParser.newDelimited("\n", this::line).maxRecordSize(MAX_LINE_BYTES);
        parser.exceptionHandler(e -> {
            log.warn("Closing simulator client {}: {}", socket.remoteAddress(), e.getMessage());
            socket.close();
        });
        socket.handler(parser);
        socket.closeHandler(v -> {
            closed = true;
            feed.stop();
            if (trickleTimer >= 0) {
                context.owner().cancelTimer(trickleTimer);
            }
            onClosed.run();
        });
        socket.write(banner + "\r\n");
    }

    private void line(Buffer buffer) {
        String line = buffer.toString().replace("\r", "");
        if (!line.isEmpty()) {
            pendingLines.add(line);
            return;
        }
        if (!pendingLines.isEmpty()) {
            AmiMessage action = AmiMessage.fromLines(pendingLines);
            pendingLines.clear();
            handle(action);
        }
    }

    private void handle(AmiMessage action) {
        String name = action.getOrEmpty("Action").toLowerCase(Locale.ROOT);
        String actionId = action.getOrEmpty("ActionID");
        if (!loggedIn && !name.equals("challenge") && !name.equals("login") && !name.equals("logoff")) {
            reply(actionId, "Response", "Error", "Message", "Permission denied");
            return;
        }
        boolean answers = loggedIn && (name.equals("originate") || name.equals("queuepause")) && actionSeen.test(action);
        switch (name) {
            case "challenge" -> {
                challenge = String.valueOf(100_000_000 + RANDOM.nextInt(900_000_000));
                reply(actionId, "Response", "Success", "Challenge", challenge);
            }
            case "login" -> login(action, actionId);
            case "logoff" -> {
                reply(actionId, "Response", "Goodbye", "Message", "Thanks for all the fish.");
                socket.end();
            }
            case "ping" -> pong(actionId);
            case "coresettings" -> reply(actionId, "Response", "Success", "AMIversion", "11.0.0",
                    "AsteriskVersion", "22.0.0", "SystemName", "switchboard-sim", "CoreMaxCalls", "0",
                    "CoreMaxLoadAvg", "0.000000", "CoreRunUser", "asterisk", "CoreRunGroup", "asterisk",
                    "CoreMaxFilehandles", "0", "CoreRealTimeEnabled", "No", "CoreCDRenabled", "No",
                    "CoreHTTPenabled", "No", "SoundsSearchCustomDir", "No");
            case "events" -> reply(actionId, "Response", "Success",
                    "Events", "off".equalsIgnoreCase(action.getOrEmpty("EventMask")) ? "Off" : "On");
            case "queuestatus", "queuesummary", "coreshowchannels" -> list(action, actionId);
            case "queuepause" -> queuePause(action, actionId);
            case "originate" -> originate(action, actionId, answers);
            default -> reply(actionId, "Response", "Error", "Message", "Invalid/unknown command");
        }
    }

    private void pong(String actionId) {
        Runnable answer = () -> reply(actionId, "Response", "Success", "Ping", "Pong",
                "Timestamp", String.format(Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0));
        if (pongDelayMillis > 0) {
            context.owner().setTimer(pongDelayMillis, id -> answer.run());
        } else {
            answer.run();
        }
    }

    /**
     * Queues the call, as Asterisk does for an asynchronous Originate, then reports how the first
     * channel went: answered (Reason 4) or rang out (Reason 3).
     */
    private void originate(AmiMessage action, String actionId, boolean answers) {
        reply(actionId, "Response", "Success", "Message", "Originate successfully queued");
        AmiMessage result = AmiMessage.of("Event", "OriginateResponse", "Privilege", "call,all",
                "Response", answers ? "Success" : "Failure", "Channel", action.getOrEmpty("Channel"),
                "Context", action.getOrEmpty("Context"), "Exten", action.getOrEmpty("Exten"),
                "Reason", answers ? "4" : "3", "Uniqueid", answers ? "1795400000." + RANDOM.nextInt(1000) : "<null>",
                "CallerIDNum", "<unknown>", "CallerIDName", "<unknown>");
        send(actionId.isEmpty() ? result : result.with("ActionID", actionId));
    }

    /**
     * Pauses or unpauses an interface in the queues the QueueStatus snapshot has it in (or the
     * one named), reporting each with QueueMemberPause as Asterisk 22 does; an interface in no
     * queue is refused as Asterisk refuses it.
     */
    private void queuePause(AmiMessage action, String actionId) {
        String iface = action.getOrEmpty("Interface");
        String queue = action.getOrEmpty("Queue");
        boolean paused = "true".equalsIgnoreCase(action.getOrEmpty("Paused"));
        List<AmiMessage> memberships = feed.snapshot("QueueStatus").stream()
                .filter(m -> m.getOrEmpty("Event").equals("QueueMember") && m.getOrEmpty("Location").equals(iface))
                .filter(m -> queue.isEmpty() || m.getOrEmpty("Queue").equals(queue))
                .toList();
        if (memberships.isEmpty()) {
            reply(actionId, "Response", "Error", "Message", "Interface not found");
            return;
        }
        reply(actionId, "Response", "Success", "Message",
                paused ? "Interface paused successfully" : "Interface unpaused successfully");
        long now = System.currentTimeMillis() / 1000;
        for (AmiMessage member : memberships) {
            send(AmiMessage.of("Event", "QueueMemberPause", "Privilege", "agent,all", "Queue", member.getOrEmpty("Queue"),
                    "MemberName", member.getOrEmpty("Name"), "Interface", iface, "StateInterface",
                    member.getOrEmpty("StateInterface"), "Membership", member.getOrEmpty("Membership"),
                    "Penalty", "0", "CallsTaken", member.getOrEmpty("CallsTaken"), "LastCall", "0",
                    "LastPause", String.valueOf(now), "LoginTime", String.valueOf(now), "InCall", "0",
                    "Status", "1", "Paused", paused ? "1" : "0", "PausedReason",
                    paused ? action.getOrEmpty("Reason") : "", "Ringinuse", "0", "Wrapuptime", "0"));
        }
    }

    private void login(AmiMessage action, String actionId) {
        String user = action.getOrEmpty("Username");
        boolean md5 = "md5".equalsIgnoreCase(action.getOrEmpty("AuthType"));
        boolean accepted = md5 ? credentials.acceptsKey(user, challenge, action.getOrEmpty("Key"))
                : credentials.acceptsPlain(user, action.getOrEmpty("Secret"));
        if (!accepted) {
            log.info("Simulator refused login for user '{}' from {}", user, socket.remoteAddress());
            reply(actionId, "Response", "Error", "Message", "Authentication failed");
            socket.end();
            return;
        }
        loggedIn = true;
        reply(actionId, "Response", "Success", "Message", "Authentication accepted");
        if (!"off".equalsIgnoreCase(action.getOrEmpty("Events"))) {
            feed.start(this::send, onFinished, new EventFeed.Connection() {
                @Override
                public boolean full() {
                    return socket.writeQueueFull();
                }

                @Override
                public void whenDrained(Runnable next) {
                    socket.drainHandler(v -> {
                        socket.drainHandler(null);
                        next.run();
                    });
                }

                @Override
                public void later(Runnable next) {
                    context.runOnContext(v -> next.run());
                }
            });
        }
    }

    /** A list action: the announcement, the snapshot's events, then the closing event. */
    private void list(AmiMessage action, String actionId) {
        String name = canonical(action.getOrEmpty("Action"));
        String queue = action.getOrEmpty("Queue");
        List<AmiMessage> items = feed.snapshot(name).stream()
                .filter(item -> queue.isEmpty() || item.get("Queue").map(queue::equals).orElse(true))
                .toList();
        reply(actionId, "Response", "Success", "EventList", "start", "Message", announcement(name));
        items.forEach(item -> send(item.with("ActionID", actionId)));
        send(AmiMessage.of("Event", name + "Complete", "ActionID", actionId, "EventList", "Complete",
                "ListItems", String.valueOf(items.size())));
    }

    private static String canonical(String action) {
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "queuestatus" -> "QueueStatus";
            case "queuesummary" -> "QueueSummary";
            default -> "CoreShowChannels";
        };
    }

    private static String announcement(String name) {
        return switch (name) {
            case "QueueStatus" -> "Queue status will follow";
            case "QueueSummary" -> "Queue summary will follow";
            default -> "Channels will follow";
        };
    }

    private void reply(String actionId, String... fields) {
        AmiMessage response = AmiMessage.of(fields);
        send(actionId.isEmpty() ? response : response.with("ActionID", actionId));
    }

    private void send(AmiMessage message) {
        if (!closed && !silent) {
            if (trickled != null) {
                trickled.appendString(message.encode());
            } else {
                socket.write(message.encode());
            }
        }
    }

    /**
     * From now on everything this client is sent leaves at {@code bytesPerSecond} at most, in
     * ten slices a second: a link that still works, but too slowly to keep up. The session's
     * calls stop here (as {@link #silence()} stops them); answers to actions still go out, slowly.
     */
    void trickle(int bytesPerSecond) {
        context.runOnContext(v -> {
            if (closed || trickled != null) {
                return;
            }
            feed.stop();
            trickled = Buffer.buffer();
            int slice = Math.max(1, bytesPerSecond / 10);
            trickleTimer = context.owner().setPeriodic(100, id -> {
                int n = Math.min(slice, trickled.length());
                if (n > 0 && !closed) {
                    socket.write(trickled.getBuffer(0, n));
                    trickled = trickled.getBuffer(n, trickled.length());
                }
            });
        });
    }

    /**
     * From now on each Pong goes out {@code delay} after its Ping, while events keep flowing: as a
     * client sees a Pong stuck behind thousands of unread events. Zero answers at once again.
     */
    void delayPongs(Duration delay) {
        context.runOnContext(v -> pongDelayMillis = delay.toMillis());
    }

    /** Closes the connection, as an Asterisk that restarts does. */
    void drop() {
        socket.close();
    }

    /**
     * Stops reading and writing but keeps the TCP connection open: a half-open connection, as
     * when a firewall forgets it or the PBX hangs.
     */
    void silence() {
        silent = true;
        feed.stop();
        socket.pause();
    }

    /** Writes raw bytes into the stream (to see how clients cope with garbage). */
    void writeRaw(Buffer bytes) {
        if (!closed && !silent && loggedIn) {
            socket.write(bytes);
        }
    }
}
