package dev.switchboard.telephony.queuelog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Groups queue_log lines into queue legs, line by line. {@code ENTERQUEUE} opens the n-th leg of
 * (callid, queue); every other line about a call belongs to that callid's latest leg in that queue.
 * Only legs still open are kept: a leg is forgotten once complete (it has been handed out by
 * {@link #accept}), and one left open longer than {@link #MAX_OPEN} (in queue_log time) is dropped
 * and counted, so memory stays bounded however long the file is followed.
 */
public final class QueueLogCalls {

    /** A leg with no end after this long is given up. */
    public static final Duration MAX_OPEN = Duration.ofHours(12);

    private final Map<String, Building> open = new LinkedHashMap<>();
    /** Per callid, how many times it entered each queue, kept while it is recent (for ordinals). */
    private final Map<String, Entries> entries = new HashMap<>();
    private long dropped;
    private long unattached;
    /** The queue_log second of the last look for legs to drop (looked for at most once a minute). */
    private long lastSweep = Long.MIN_VALUE;

    /** Reads a whole list of lines, e.g. a file: every leg, in the order its {@code ENTERQUEUE} came. */
    public static List<QueueLogLeg> legsOf(List<QueueLogLine> lines) {
        QueueLogCalls calls = new QueueLogCalls();
        Map<String, QueueLogLeg> latest = new LinkedHashMap<>();
        for (QueueLogLine line : lines) {
            for (QueueLogLeg leg : calls.accept(line)) {
                latest.put(key(leg.callid(), leg.queue(), leg.ordinal()), leg);
            }
        }
        return List.copyOf(latest.values());
    }

    /**
     * Takes the next line; returns the legs it changed, as they are now (empty for lines that are not
     * about a call, or about a call whose {@code ENTERQUEUE} was not read).
     */
    public List<QueueLogLeg> accept(QueueLogLine line) {
        dropOlderThan(Instant.ofEpochSecond(line.epochSecond()).minus(MAX_OPEN));
        if (!line.aboutACall() || line.queue().isEmpty() || line.queue().equals("NONE")) {
            return List.of();
        }
        if (line.event().equals("ENTERQUEUE")) {
            return List.of(enter(line).snapshot());
        }
        Building leg = open.get(latestKey(line.callid(), line.queue()));
        if (leg == null || !leg.apply(line)) {
            if (leg == null && QueueLogParser.known(line.event()) && !QueueLogParser.IGNORED.contains(line.event())) {
                unattached++;
            }
            return List.of();
        }
        QueueLogLeg now = leg.snapshot();
        if (now.complete()) {
            open.remove(key(now.callid(), now.queue(), now.ordinal()));
        }
        return List.of(now);
    }

    private Building enter(QueueLogLine line) {
        Entries seen = entries.computeIfAbsent(line.callid(), k -> new Entries());
        seen.lastAt = line.epochSecond();
        int ordinal = seen.byQueue.merge(line.queue(), 1, Integer::sum);
        Building leg = new Building(line, ordinal);
        open.put(key(line.callid(), line.queue(), ordinal), leg);
        return leg;
    }

    private String latestKey(String callid, String queue) {
        Entries seen = entries.get(callid);
        Integer ordinal = seen == null ? null : seen.byQueue.get(queue);
        return ordinal == null ? "" : key(callid, queue, ordinal);
    }

    private void dropOlderThan(Instant limit) {
        long limitSecond = limit.getEpochSecond();
        if (limitSecond < lastSweep + 60) {
            return;
        }
        lastSweep = limitSecond;
        for (Iterator<Building> it = open.values().iterator(); it.hasNext(); ) {
            Building leg = it.next();
            if (leg.enteredAt < limitSecond) {
                it.remove();
                dropped++;
            }
        }
        entries.values().removeIf(e -> e.lastAt < limitSecond);
    }

    /** The legs still open (not complete), oldest first. */
    public List<QueueLogLeg> open() {
        return open.values().stream().map(Building::snapshot).toList();
    }

    /** Where the oldest open leg's {@code ENTERQUEUE} starts: reading again from there rebuilds every open leg. */
    public OptionalLong oldestOpenOffset() {
        return open.values().stream().mapToLong(b -> b.firstOffset).min();
    }

    /** Legs given up because they stayed open longer than {@link #MAX_OPEN}. */
    public long dropped() {
        return dropped;
    }

    /** Lines about a call whose leg was not open (its {@code ENTERQUEUE} was never read, or it had ended). */
    public long unattached() {
        return unattached;
    }

    private static String key(String callid, String queue, int ordinal) {
        return callid + '|' + queue + '|' + ordinal;
    }

    private static final class Entries {
        final Map<String, Integer> byQueue = new HashMap<>();
        long lastAt;
    }

    /** A leg being read. */
    private static final class Building {
        final String callid;
        final String queue;
        final int ordinal;
        final long enteredAt;
        final String callerId;
        final Integer position;
        final long firstOffset;
        Integer originalPosition;
        QueueLogLeg.Outcome outcome;
        Long leftAt;
        Long hold;
        Long ring;
        String agentUniqueid;
        String agent;
        Long talk;
        QueueLogLeg.CompletedBy completedBy;
        String exitKey;
        final List<QueueLogLeg.Ring> rings = new ArrayList<>();
        long lastLineAt;
        long lastEndOffset;
        boolean outcomeFinal;
        boolean complete;

        Building(QueueLogLine enter, int ordinal) {
            this.callid = enter.callid();
            this.queue = enter.queue();
            this.ordinal = ordinal;
            this.enteredAt = enter.epochSecond();
            this.callerId = enter.data(2);
            Long pos = enter.number(3);
            this.position = pos == null ? null : pos.intValue();
            this.firstOffset = enter.offset();
            this.lastLineAt = enter.epochSecond();
            this.lastEndOffset = enter.endOffset();
        }

        /** Applies a line about this leg; false for verbs that say nothing about a leg. */
        boolean apply(QueueLogLine line) {
            switch (line.event()) {
                case "CONNECT" -> {
                    decide(line, QueueLogLeg.Outcome.ANSWERED);
                    hold = line.number(1);
                    agentUniqueid = line.data(2);
                    ring = line.number(3);
                    agent = member(line);
                }
                case "COMPLETECALLER", "COMPLETEAGENT" -> finishTalk(line, line.number(1), line.number(2),
                        line.number(3), line.event().equals("COMPLETECALLER")
                                ? QueueLogLeg.CompletedBy.CALLER : QueueLogLeg.CompletedBy.AGENT);
                case "BLINDTRANSFER", "TRANSFER" -> finishTalk(line, line.number(3), line.number(4), line.number(5),
                        QueueLogLeg.CompletedBy.TRANSFER);
                case "ATTENDEDTRANSFER" -> finishTalk(line, line.numberFromEnd(3), line.numberFromEnd(2),
                        line.numberFromEnd(1), QueueLogLeg.CompletedBy.TRANSFER);
                case "ABANDON" -> leave(line, QueueLogLeg.Outcome.ABANDONED, line.number(2), line.number(3));
                case "EXITWITHTIMEOUT", "EXITEMPTY" -> leave(line, QueueLogLeg.Outcome.TIMEOUT, line.number(2), line.number(3));
                case "EXITWITHKEY" -> {
                    exitKey = line.data(1);
                    leave(line, QueueLogLeg.Outcome.CALLBACK, line.number(3), line.number(4));
                }
                case "AGENTDUMP" -> leave(line, QueueLogLeg.Outcome.ABANDONED, null, null);
                case "RINGNOANSWER", "RINGCANCELED" -> {
                    long millis = line.number(1);
                    rings.add(new QueueLogLeg.Ring(member(line), millis,
                            line.event().equals("RINGNOANSWER") ? QueueLogLeg.RingEnd.NO_ANSWER : QueueLogLeg.RingEnd.CANCELLED,
                            Instant.ofEpochSecond(line.epochSecond()).minusMillis(millis)));
                }
                default -> {
                    return false;
                }
            }
            lastLineAt = line.epochSecond();
            lastEndOffset = line.endOffset();
            return true;
        }

        private void decide(QueueLogLine line, QueueLogLeg.Outcome decided) {
            if (!outcomeFinal) {
                outcome = decided;
                leftAt = line.epochSecond();
                outcomeFinal = true;
            }
        }

        private void leave(QueueLogLine line, QueueLogLeg.Outcome decided, Long origPos, Long waited) {
            decide(line, decided);
            if (waited != null) {
                hold = waited;
            }
            if (origPos != null) {
                originalPosition = origPos.intValue();
            }
            complete = true;
        }

        /** The talk ended: answered even if its {@code CONNECT} was not read. */
        private void finishTalk(QueueLogLine line, Long held, Long talked, Long origPos, QueueLogLeg.CompletedBy by) {
            decide(line, QueueLogLeg.Outcome.ANSWERED);
            if (hold == null) {
                hold = held;
            }
            if (agent == null) {
                agent = member(line);
            }
            talk = talked;
            if (origPos != null) {
                originalPosition = origPos.intValue();
            }
            completedBy = by;
            complete = true;
        }

        private static String member(QueueLogLine line) {
            return line.agent().isEmpty() || line.agent().equals("NONE") ? null : line.agent();
        }

        QueueLogLeg snapshot() {
            return new QueueLogLeg(callid, queue, ordinal, Instant.ofEpochSecond(enteredAt), callerId, position,
                    originalPosition, outcome, leftAt == null ? null : Instant.ofEpochSecond(leftAt), hold, ring,
                    agentUniqueid, agent, talk, completedBy, exitKey, rings, Instant.ofEpochSecond(enteredAt),
                    Instant.ofEpochSecond(lastLineAt), firstOffset, lastEndOffset, outcomeFinal, complete);
        }
    }
}
