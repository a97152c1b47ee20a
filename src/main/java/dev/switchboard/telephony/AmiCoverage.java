package dev.switchboard.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Which stretches of Asterisk's time Switchboard heard over AMI, per server: what it may trust its
 * own record for, and where a gap lies that only Asterisk's queue_log can fill. A window opens at
 * the first event heard after a connection and closes at the last event heard before the link left
 * {@link LinkState#UP} (events lost in flight before the loss was noticed fall in the gap); while
 * the link stays up, the open window reaches to now, however quiet Asterisk is. Times
 * are the events' own ({@code timestampevents = yes}); {@link TelephonyEvent.LinkChanged},
 * {@link TelephonyEvent.Resynchronised} and {@link TelephonyEvent.OriginateResult} carry
 * Switchboard's clock and do not move a window. Windows older than {@link #KEPT} are forgotten.
 * Not thread-safe: fed and asked on one context.
 */
public final class AmiCoverage {

    /** How long closed windows are remembered after the server's latest event. */
    public static final Duration KEPT = Duration.ofHours(24);

    /** Heard from {@code from} to {@code to}, both as Asterisk dated the events. */
    public record Window(Instant from, Instant to) {
    }

    private final Duration margin;
    private final Map<String, Server> servers = new HashMap<>();

    /** {@code margin}: how far inside a window a stretch must lie to count as heard (clocks and seconds round). */
    public AmiCoverage(Duration margin) {
        this.margin = margin;
    }

    public void heard(TelephonyEvent event) {
        Server server = servers.computeIfAbsent(event.server(), s -> new Server());
        if (event instanceof TelephonyEvent.LinkChanged changed) {
            server.linkChanged(changed.state());
        } else if (event instanceof TelephonyEvent.Resynchronised) {
            server.resynchronised = true;
        } else if (!(event instanceof TelephonyEvent.OriginateResult)) {
            // an originate's answer is dated by Switchboard when it came, not by Asterisk
            server.eventAt(event.at());
        }
    }

    /** Whether everything from {@code from} to {@code to} (Asterisk's time) was heard on one connection. */
    public boolean covered(String server, Instant from, Instant to) {
        Server s = servers.get(server);
        if (s == null) {
            return false;
        }
        Instant start = from.minus(margin);
        Instant end = to.plus(margin);
        if (s.up && s.openFrom != null && !s.openFrom.isAfter(start)) {
            return true; // connected since before it: everything since was heard, however quiet
        }
        return s.windows().stream().anyMatch(w -> !w.from().isAfter(start) && !w.to().isBefore(end));
    }

    /** Connected and resynchronised now: live state from this server can be trusted. */
    public boolean upAndResynchronised(String server) {
        Server s = servers.get(server);
        return s != null && s.up && s.resynchronised;
    }

    /** The windows heard from this server, oldest first (the open one last). */
    public Deque<Window> windows(String server) {
        Server s = servers.get(server);
        return s == null ? new ArrayDeque<>() : s.windows();
    }

    private static final class Server {
        private final Deque<Window> closed = new ArrayDeque<>();
        private Instant openFrom;
        private Instant lastHeard;
        private boolean up;
        private boolean resynchronised;

        void eventAt(Instant at) {
            if (openFrom == null) {
                openFrom = at;
            }
            if (lastHeard == null || at.isAfter(lastHeard)) {
                lastHeard = at;
            }
            while (!closed.isEmpty() && closed.peekFirst().to().isBefore(lastHeard.minus(KEPT))) {
                closed.pollFirst();
            }
        }

        void linkChanged(LinkState state) {
            up = state == LinkState.UP;
            if (up) {
                return;
            }
            resynchronised = false;
            if (openFrom != null) {
                closed.addLast(new Window(openFrom, lastHeard));
            }
            openFrom = null;
            lastHeard = null;
        }

        Deque<Window> windows() {
            Deque<Window> all = new ArrayDeque<>(closed);
            if (openFrom != null) {
                all.addLast(new Window(openFrom, lastHeard));
            }
            return all;
        }
    }
}
