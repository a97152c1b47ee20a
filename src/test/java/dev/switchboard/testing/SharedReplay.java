package dev.switchboard.testing;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.QueueLogSink;
import dev.switchboard.sim.Recording;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A recording played once, on one wall-clock timeline, as a real Asterisk lives its calls: whoever
 * is connected at the moment hears the events (what falls due while nobody is connected is lost),
 * and list actions (QueueStatus, CoreShowChannels) describe the calls as they are at that moment.
 * Each event gets the {@code Timestamp} Asterisk adds with {@code timestampevents = yes}, and the
 * recording's queue_log lines are written to a {@link QueueLogSink} as they fall due, dated on the
 * same timeline.
 *
 * <p>The timeline maps recording time to the wall clock: recording ms {@code m} happens at
 * {@code start + (m - firstMs) / speed}. queue_log's epoch seconds are put on the recording's
 * time by one anchor, its first ENTERQUEUE line at the first QueueCallerJoin event, and written in
 * whole seconds; each ENTERQUEUE is dated by its own QueueCallerJoin, whose second it shares on a
 * real Asterisk. The durations inside events and lines (HoldTime, TalkTime, RingTime, queue_log's
 * data fields) stay as recorded: with {@code speed} above 1 they are {@code speed} times longer
 * than the timeline says, which a service that infers a moment from a duration (a missed answer
 * dated TalkTime before AgentComplete) gets wrong. Speed 1 is the only speed at which the clock
 * and the durations agree as on a real Asterisk.
 */
public final class SharedReplay {

    private static final Consumer<AmiMessage> NOBODY = message -> { };

    /** Something that falls due on the timeline: an event, a queue_log line, or an action of the test. */
    private record Due(long ms, AmiMessage event, String queueLogLine, Runnable action) {
    }

    private final Vertx vertx;
    private final Recording recording;
    private final double speed;
    private final QueueLogSink queueLog;
    private final long firstMs;
    private final List<Due> timeline = new ArrayList<>();
    private final Map<String, AmiMessage> channels = new LinkedHashMap<>();
    private final Map<String, AmiMessage> waiting = new LinkedHashMap<>();
    private final Map<String, Long> joinedAtMs = new LinkedHashMap<>();
    private final Map<String, AmiMessage> members = new LinkedHashMap<>();
    private final List<AmiMessage> queueParams = new ArrayList<>();
    private volatile Consumer<AmiMessage> listener = NOBODY;
    private long startedAtMillis;
    private long playedUpToMs;
    private boolean started;
    private volatile boolean finished;
    private long timer = -1;
    private int next;

    /** {@code queueLogLines}: the recording's queue_log, written to {@code queueLog} as its lines fall due. */
    public SharedReplay(Vertx vertx, Recording recording, double speed, List<String> queueLogLines,
                        QueueLogSink queueLog) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive");
        }
        this.vertx = vertx;
        this.recording = recording;
        this.speed = speed;
        this.queueLog = queueLog;
        this.firstMs = recording.stream().isEmpty() ? 0 : recording.stream().get(0).ms();
        recording.stream().forEach(t -> timeline.add(new Due(t.ms(), t.message(), null, null)));
        long anchorMs = recording.stream().stream().filter(t -> t.message().getOrEmpty("Event").equals("QueueCallerJoin"))
                .mapToLong(Recording.Timed::ms).findFirst().orElse(firstMs);
        long anchorEpoch = queueLogLines.stream().map(l -> l.split("\\|", -1))
                .filter(f -> f.length > 4 && f[4].equals("ENTERQUEUE")).mapToLong(f -> Long.parseLong(f[0]))
                .findFirst().orElse(0);
        // An ENTERQUEUE is logged the moment the caller joins, as QueueCallerJoin is sent: its second is
        // that event's Timestamp's, as on a real Asterisk (which 15-minute interval a join falls in
        // depends on it). Other lines keep the anchor's time.
        Map<String, Deque<Long>> joins = new HashMap<>();
        recording.stream().stream().filter(t -> t.message().getOrEmpty("Event").equals("QueueCallerJoin"))
                .forEach(t -> joins.computeIfAbsent(t.message().getOrEmpty("Uniqueid") + "|"
                        + t.message().getOrEmpty("Queue"), k -> new ArrayDeque<>()).add(t.ms()));
        for (String line : queueLogLines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            long ms = anchorMs + (Long.parseLong(f[0]) - anchorEpoch) * 1000;
            Deque<Long> joined = f.length > 4 && f[4].equals("ENTERQUEUE") ? joins.get(f[1] + "|" + f[2]) : null;
            timeline.add(new Due(joined == null || joined.isEmpty() ? ms : joined.poll(), null, line, null));
        }
        recording.snapshot("QueueStatus").forEach(m -> {
            if (m.getOrEmpty("Event").equals("QueueMember")) {
                members.put(m.getOrEmpty("Queue") + "|" + m.getOrEmpty("Location"), m);
            } else if (m.getOrEmpty("Event").equals("QueueParams")) {
                queueParams.add(m);
            }
        });
        sortTimeline();
    }

    /** The recording NAME with its NAME.queue_log, from the test resources. */
    public static SharedReplay of(Vertx vertx, String name, double speed, QueueLogSink queueLog) throws IOException {
        return new SharedReplay(vertx, Recording.read(Recordings.file(name)), speed,
                Files.readAllLines(Recordings.directory().resolve(name + ".queue_log")), queueLog);
    }

    /**
     * Runs {@code action} when the timeline reaches recording ms {@code ms}, before the events due
     * then; from that moment the client connected until then hears nothing more (its link is being
     * cut, e.g. by {@code AmiSimulator.restart}). Before {@link #start}.
     */
    public synchronized SharedReplay cutAt(long ms, Runnable action) {
        timeline.add(new Due(ms, null, null, () -> {
            listener = NOBODY;
            action.run();
        }));
        sortTimeline();
        return this;
    }

    /** Ms of the recording at which the first event named {@code event} arrived. */
    public long msOf(String event, int nth) {
        return recording.stream().stream().filter(t -> t.message().getOrEmpty("Event").equals(event))
                .skip(nth - 1L).findFirst().orElseThrow(() -> new AssertionError(event + " #" + nth + " not recorded"))
                .ms();
    }

    private void sortTimeline() {
        // actions first among things due at the same ms; otherwise the recorded order
        List<Due> sorted = new ArrayList<>(timeline);
        sorted.sort(Comparator.comparingLong(Due::ms).thenComparing(d -> d.action() == null));
        timeline.clear();
        timeline.addAll(sorted);
    }

    /** Starts the timeline now. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        startedAtMillis = System.currentTimeMillis();
        playDue();
    }

    /** Whether the whole recording has been played. */
    /** How far into the recording (its ms) the timeline has played, heard or not. */
    public synchronized long playedUpTo() {
        return playedUpToMs;
    }

    public boolean finished() {
        return finished;
    }

    /** Whether a client hears the events now. */
    public boolean heard() {
        return listener != NOBODY;
    }

    public synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        finished = true;
    }

    /** When recording ms {@code ms} happens on the wall clock, in epoch ms. */
    private double wallMillis(long ms) {
        return startedAtMillis + (ms - firstMs) / speed;
    }

    private synchronized void playDue() {
        timer = -1;
        if (finished) {
            return;
        }
        long now = System.currentTimeMillis();
        while (next < timeline.size() && wallMillis(timeline.get(next).ms()) <= now) {
            Due due = timeline.get(next++);
            playedUpToMs = Math.max(playedUpToMs, due.ms());
            if (due.action() != null) {
                due.action().run();
            } else if (due.queueLogLine() != null) {
                String line = due.queueLogLine();
                long second = (long) Math.floor(wallMillis(due.ms()) / 1000);
                queueLog.append(second + line.substring(line.indexOf('|')));
            } else {
                AmiMessage event = due.event().with("Timestamp",
                        String.format(Locale.ROOT, "%.6f", wallMillis(due.ms()) / 1000));
                played(event, due.ms());
                listener.accept(event);
            }
        }
        if (next >= timeline.size()) {
            finished = true;
            return;
        }
        long wait = Math.max(1, (long) Math.ceil(wallMillis(timeline.get(next).ms()) - System.currentTimeMillis()));
        timer = vertx.setTimer(wait, id -> playDue());
    }

    /** Keeps what list actions must describe: live channels, waiting callers, members' states. */
    private void played(AmiMessage e, long ms) {
        String name = e.getOrEmpty("Event");
        switch (name) {
            case "Newchannel" -> channels.put(e.getOrEmpty("Uniqueid"), e);
            case "Hangup" -> channels.remove(e.getOrEmpty("Uniqueid"));
            case "QueueCallerJoin" -> {
                String key = e.getOrEmpty("Queue") + "|" + e.getOrEmpty("Uniqueid");
                waiting.put(key, e);
                joinedAtMs.put(key, ms);
            }
            case "QueueCallerLeave", "QueueCallerAbandon" -> {
                String key = e.getOrEmpty("Queue") + "|" + e.getOrEmpty("Uniqueid");
                waiting.remove(key);
                joinedAtMs.remove(key);
            }
            case "QueueMemberStatus", "QueueMemberPause", "QueueMemberPaused" -> {
                String key = e.getOrEmpty("Queue") + "|" + e.getOrEmpty("Interface");
                AmiMessage member = members.get(key);
                if (member != null) {
                    for (String field : List.of("Status", "Paused", "PausedReason", "InCall", "CallsTaken",
                            "LastCall", "LastPause")) {
                        if (e.get(field).isPresent()) {
                            member = member.with(field, e.getOrEmpty(field));
                        }
                    }
                    members.put(key, member);
                }
            }
            default -> {
            }
        }
    }

    /** QueueStatus (queues, members as they are now, the callers waiting now) or CoreShowChannels now. */
    private synchronized List<AmiMessage> snapshot(String action) {
        if (action.equals("QueueStatus")) {
            List<AmiMessage> list = new ArrayList<>();
            Map<String, Integer> calls = new TreeMap<>();
            waiting.values().forEach(w -> calls.merge(w.getOrEmpty("Queue"), 1, Integer::sum));
            for (AmiMessage params : queueParams) {
                list.add(params.with("Calls", String.valueOf(calls.getOrDefault(params.getOrEmpty("Queue"), 0))));
                members.values().stream().filter(m -> m.getOrEmpty("Queue").equals(params.getOrEmpty("Queue")))
                        .forEach(list::add);
            }
            waiting.forEach((key, join) -> {
                // Wait on the timeline's clock: the Asterisk whose time the events carry
                long waitSeconds = Math.round((playedUpToMs - joinedAtMs.get(key)) / speed / 1000);
                list.add(AmiMessage.of("Event", "QueueEntry", "Queue", join.getOrEmpty("Queue"), "Position",
                        join.getOrEmpty("Position"), "Channel", join.getOrEmpty("Channel"), "Uniqueid",
                        join.getOrEmpty("Uniqueid"), "CallerIDNum", join.getOrEmpty("CallerIDNum"), "CallerIDName",
                        join.getOrEmpty("CallerIDName"), "ConnectedLineNum", join.getOrEmpty("ConnectedLineNum"),
                        "ConnectedLineName", join.getOrEmpty("ConnectedLineName"), "Wait",
                        String.valueOf(waitSeconds), "Priority", "0"));
            });
            return list;
        }
        if (action.equals("CoreShowChannels")) {
            return channels.values().stream().map(c -> AmiMessage.of("Event", "CoreShowChannel", "Channel",
                    c.getOrEmpty("Channel"), "Uniqueid", c.getOrEmpty("Uniqueid"), "Linkedid", c.getOrEmpty("Linkedid"),
                    "CallerIDNum", c.getOrEmpty("CallerIDNum"), "CallerIDName", c.getOrEmpty("CallerIDName"),
                    "Context", c.getOrEmpty("Context"), "Exten", c.getOrEmpty("Exten"), "Priority",
                    c.getOrEmpty("Priority"), "ChannelState", "6", "ChannelStateDesc", "Up", "Application", "Queue",
                    "ApplicationData", "", "Duration", "00:00:05", "AccountCode", "", "BridgeId", "")).toList();
        }
        return recording.snapshot(action);
    }

    /** The calls as a client that connects now hears them. */
    public EventFeed feed() {
        return new EventFeed() {
            private Consumer<AmiMessage> mine;

            @Override
            public void start(Consumer<AmiMessage> out, Runnable finishedHere) {
                synchronized (SharedReplay.this) {
                    mine = out;
                    listener = out;
                }
            }

            @Override
            public void stop() {
                synchronized (SharedReplay.this) {
                    if (listener == mine) {
                        listener = NOBODY;
                    }
                }
            }

            @Override
            public List<AmiMessage> snapshot(String action) {
                return SharedReplay.this.snapshot(action);
            }
        };
    }
}
