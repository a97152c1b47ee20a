package dev.switchboard.telephony;

import dev.switchboard.telephony.TelephonyEvent.AgentAnswered;
import dev.switchboard.telephony.TelephonyEvent.AgentCompleted;
import dev.switchboard.telephony.TelephonyEvent.AgentNotAnswering;
import dev.switchboard.telephony.TelephonyEvent.AgentRinging;
import dev.switchboard.telephony.TelephonyEvent.CallerAbandoned;
import dev.switchboard.telephony.TelephonyEvent.CallerIdChanged;
import dev.switchboard.telephony.TelephonyEvent.ChannelCreated;
import dev.switchboard.telephony.TelephonyEvent.ChannelHungUp;
import dev.switchboard.telephony.TelephonyEvent.IvrAccountEntered;
import dev.switchboard.telephony.TelephonyEvent.OriginateResult;
import dev.switchboard.telephony.TelephonyEvent.MemberState;
import dev.switchboard.telephony.TelephonyEvent.QueueJoined;
import dev.switchboard.telephony.TelephonyEvent.QueueLeft;
import dev.switchboard.telephony.TelephonyEvent.VariableSet;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewCallerIdEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.VarSetEvent;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns Asterisk-Java's mutable event beans into {@link TelephonyEvent} records. Pure and
 * cheap: it runs on Asterisk-Java's dispatch thread. An event the call flow needs but that
 * lacks a field it cannot do without (no Linkedid, no Queue) is reported as malformed.
 */
final class EventTranslator {

    /** Longest Linkedid / Uniqueid and queue name the store keeps (call_journeys, call_legs). */
    static final int MAX_ID = 64;
    static final int MAX_QUEUE = 80;

    /**
     * Channel variables worth carrying: the IVR's account (inherited with "__"), the queue's exit
     * status, and the queue a caller left for a callback.
     */
    static final Set<String> VARIABLES = Set.of("CC_ACCOUNT", "QUEUESTATUS", "CC_CALLBACK");

    sealed interface Result {
    }

    record Translated(TelephonyEvent event) implements Result {
    }

    record Ignored() implements Result {
    }

    record Malformed(String eventName, String missing) implements Result {
    }

    private static final Ignored IGNORED = new Ignored();

    private final String server;

    EventTranslator(String server) {
        this.server = server;
    }

    Result translate(ManagerEvent event) {
        Instant at = timeOf(event);
        if (event instanceof QueueCallerJoinEvent e) {
            return needLeg(e, e.getLinkedId(), e.getUniqueId(), e.getQueue(), () -> new QueueJoined(server, at, e.getLinkedId(),
                    e.getUniqueId(), e.getQueue(), orZero(e.getPosition()), callerNumber(e.getCallerIdNum()),
                    callerName(e.getCallerIdName())));
        }
        if (event instanceof QueueCallerLeaveEvent e) {
            return needLeg(e, e.getLinkedId(), e.getUniqueId(), e.getQueue(), () -> new QueueLeft(server, at, e.getLinkedId(),
                    e.getUniqueId(), e.getQueue(), orZero(e.getPosition())));
        }
        if (event instanceof QueueCallerAbandonEvent e) {
            return needLeg(e, e.getLinkedId(), e.getUniqueId(), e.getQueue(), () -> new CallerAbandoned(server, at, e.getLinkedId(),
                    e.getUniqueId(), e.getQueue(), orZero(e.getPosition()), orZero(e.getOriginalPosition()),
                    orZero(e.getHoldTime())));
        }
        if (event instanceof AgentCalledEvent e) {
            return needLeg(e, e.getLinkedId(), e.getUniqueId(), e.getQueue(), () -> new AgentRinging(server, at, e.getLinkedId(),
                    e.getUniqueId(), e.getQueue(), e.getInterface(), e.getMemberName()));
        }
        if (event instanceof AgentRingNoAnswerEvent e) {
            return needLeg(e, e.getLinkedId(), e.getUniqueId(), e.getQueue(), () -> new AgentNotAnswering(server, at, e.getLinkedId(),
                    e.getUniqueId(), e.getQueue(), e.getInterface(), e.getMemberName(), orZero(e.getRingtime())));
        }
        if (event instanceof AgentConnectEvent e) {
            return needLeg(e, e.getLinkedId(), e.getUniqueId(), e.getQueue(), () -> new AgentAnswered(server, at, e.getLinkedId(),
                    e.getUniqueId(), e.getQueue(), e.getInterface(), e.getMemberName(), e.getDestUniqueId(),
                    orZero(e.getHoldTime()), orZero(e.getRingtime())));
        }
        if (event instanceof AgentCompleteEvent e) {
            // The caller's channel may be missing (see AgentCompleted): the agent's Linkedid is the call's.
            String linkedid = firstPresent(e.getLinkedId(), e.getDestLinkedId());
            if (e.getQueue() == null || e.getQueue().isBlank() || e.getQueue().length() > MAX_QUEUE) {
                return new Malformed(eventName(e), "Queue");
            }
            if (tooLong(linkedid) || tooLong(e.getUniqueId()) || tooLong(e.getDestUniqueId())) {
                return new Malformed(eventName(e), "Linkedid or Uniqueid");
            }
            return new Translated(new AgentCompleted(server, at, linkedid, e.getUniqueId(), e.getQueue(),
                    e.getInterface(), e.getMemberName(), e.getDestUniqueId(), orZero(e.getHoldTime()),
                    orZero(e.getTalkTime()), e.getReason() == null ? "" : e.getReason().toLowerCase(Locale.ROOT)));
        }
        if (event instanceof IvrAccountEvent e) {
            // The dialplan's UserEvent repeats Linkedid after the channel's own; Asterisk-Java joins
            // repeated keys with a line break.
            String linkedid = firstLine(e.getLinkedId());
            return need(e, linkedid, "-", () -> new IvrAccountEntered(server, at, linkedid,
                    e.getAccount() == null ? "" : firstLine(e.getAccount())));
        }
        if (event instanceof VarSetEvent e) {
            String variable = e.getVariable() == null ? "" : e.getVariable().replaceFirst("^_+", "");
            if (!VARIABLES.contains(variable)) {
                return IGNORED;
            }
            return needChannel(e, e.getLinkedId(), e.getUniqueId(), () -> new VariableSet(server, at, e.getLinkedId(),
                    e.getUniqueId(), variable, e.getValue() == null ? "" : e.getValue()));
        }
        if (event instanceof NewChannelEvent e) {
            return needChannel(e, e.getLinkedid(), e.getUniqueId(), () -> new ChannelCreated(server, at,
                    e.getLinkedid(), e.getUniqueId(), e.getChannel(), callerNumber(e.getCallerIdNum()),
                    callerName(e.getCallerIdName())));
        }
        if (event instanceof NewCallerIdEvent e) {
            return needChannel(e, e.getLinkedId(), e.getUniqueId(), () -> new CallerIdChanged(server, at,
                    e.getLinkedId(), e.getUniqueId(), callerNumber(e.getCallerIdNum()), callerName(e.getCallerIdName())));
        }
        if (event instanceof QueueMemberEvent e) {
            // QueueMemberStatus (a subclass); QueueMember itself only comes in QueueStatus answers
            return member(server, at, e).<Result>map(Translated::new).orElseGet(() ->
                    new Malformed(eventName(e), "Queue or Interface"));
        }
        if (event instanceof QueueMemberPauseEvent e) {
            if (blank(e.getQueue()) || blank(e.getInterface())) {
                return new Malformed(eventName(e), "Queue or Interface");
            }
            return new Translated(new MemberState(server, at, e.getQueue(), e.getMemberName(), e.getInterface(),
                    orZero(e.getStatus()), Boolean.TRUE.equals(e.getPaused()), orEmpty(e.getPausedreason()),
                    orZero(e.getIncall()) == 1, orZero(e.getLastpause()), orZero(e.getLastcall()),
                    orZero(e.getCallsTaken()), orZero(e.getWrapupTime())));
        }
        if (event instanceof OriginateResponseEvent e) {
            if (blank(e.getActionId())) {
                return new Malformed(eventName(e), "ActionID");
            }
            return new Translated(new OriginateResult(server, at, e.getActionId(),
                    "Success".equalsIgnoreCase(e.getResponse()), orZero(e.getReason()), orEmpty(e.getChannel())));
        }
        if (event instanceof HangupEvent e) {
            return needChannel(e, e.getLinkedId(), e.getUniqueId(), () -> new ChannelHungUp(server, at,
                    e.getLinkedId(), e.getUniqueId(), e.getChannel(), orZero(e.getCause())));
        }
        return IGNORED;
    }

    /**
     * An event about one channel: whether it is the caller's own (Uniqueid = Linkedid) decides what
     * it means, so without its Uniqueid it means nothing.
     */
    private static Result needChannel(ManagerEvent event, String linkedid, String uniqueid,
                                      Supplier<TelephonyEvent> build) {
        if (uniqueid == null || uniqueid.isBlank() || tooLong(uniqueid)) {
            return new Malformed(eventName(event), "Uniqueid");
        }
        return need(event, linkedid, "-", build);
    }

    /** An event about a caller in a queue: its channel's Uniqueid, when there, must be one. */
    private static Result needLeg(ManagerEvent event, String linkedid, String uniqueid, String queue,
                                  Supplier<TelephonyEvent> build) {
        if (tooLong(uniqueid)) {
            return new Malformed(eventName(event), "Uniqueid");
        }
        return need(event, linkedid, queue, build);
    }

    private static Result need(ManagerEvent event, String linkedid, String queue,
                               Supplier<TelephonyEvent> build) {
        if (linkedid == null || linkedid.isBlank() || linkedid.indexOf('\n') >= 0 || tooLong(linkedid)) {
            return new Malformed(eventName(event), "Linkedid");
        }
        if (queue == null || queue.isBlank() || queue.length() > MAX_QUEUE) {
            return new Malformed(eventName(event), "Queue");
        }
        try {
            return new Translated(build.get());
        } catch (RuntimeException e) {
            return new Malformed(eventName(event), e.getMessage());
        }
    }

    /** Asterisk's ids look like 1795346056.123; anything longer than the store keeps is not one. */
    private static boolean tooLong(String id) {
        return id != null && id.length() > MAX_ID;
    }

    /** A member's state from QueueMember / QueueMemberStatus; empty without queue or interface. */
    static Optional<MemberState> member(String server, Instant at, QueueMemberEvent e) {
        String memberInterface = !blank(e.getInterface()) ? e.getInterface() : e.getLocation();
        if (blank(e.getQueue()) || blank(memberInterface)) {
            return Optional.empty();
        }
        String name = !blank(e.getMemberName()) ? e.getMemberName() : e.getName();
        return Optional.of(new MemberState(server, at, e.getQueue(), name, memberInterface, orZero(e.getStatus()),
                Boolean.TRUE.equals(e.getPaused()), orEmpty(e.getPausedreason()), orZero(e.getIncall()) == 1,
                orZero(e.getLastPause()), orZero(e.getLastCall()), orZero(e.getCallsTaken()),
                orZero(e.getWrapuptime())));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String firstLine(String value) {
        if (value == null) {
            return null;
        }
        int end = value.indexOf('\n');
        return end < 0 ? value : value.substring(0, end);
    }

    private static String firstPresent(String first, String second) {
        return first != null && !first.isBlank() ? first : second != null && !second.isBlank() ? second : null;
    }

    /** Asterisk's own timestamp (timestampevents = yes) when present; else when it arrived. */
    static Instant timeOf(ManagerEvent event) {
        Double timestamp = event.getTimestamp();
        if (timestamp != null && timestamp > 0) {
            return Instant.ofEpochMilli(Math.round(timestamp * 1000));
        }
        return event.getDateReceived() != null ? event.getDateReceived().toInstant() : Instant.now();
    }

    static String eventName(ManagerEvent event) {
        String name = event.getClass().getSimpleName();
        return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
    }

    /** Asterisk writes "<unknown>" where it has no caller ID; that is no number at all. */
    static String callerNumber(String value) {
        return value == null || value.isBlank() || value.equals("<unknown>") ? null : value.trim();
    }

    static String callerName(String value) {
        return callerNumber(value);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
