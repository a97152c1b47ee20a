package dev.switchboard.telephony;

import java.time.Instant;
import java.util.List;

/**
 * What Switchboard takes from Asterisk's manager events: immutable, typed, and free of
 * Asterisk-Java classes, so the parts that consume them can be tested without a PBX.
 * {@code server} names the Asterisk the event came from; {@code at} is Asterisk's own
 * {@code Timestamp} when it sends one ({@code timestampevents = yes}), else the time received.
 */
public sealed interface TelephonyEvent {

    String server();

    Instant at();

    /** A new channel; the call's first channel has {@code uniqueid == linkedid}. */
    record ChannelCreated(String server, Instant at, String linkedid, String uniqueid, String channel,
                          String callerNumber, String callerName) implements TelephonyEvent {
        public boolean startsCall() {
            return uniqueid.equals(linkedid);
        }
    }

    /** The caller ID of a channel changed (e.g. set by the trunk or the dialplan). */
    record CallerIdChanged(String server, Instant at, String linkedid, String uniqueid, String callerNumber,
                           String callerName) implements TelephonyEvent {
    }

    /** A channel variable the call flow cares about (the IVR account, QUEUESTATUS). */
    record VariableSet(String server, Instant at, String linkedid, String uniqueid, String variable, String value)
            implements TelephonyEvent {
    }

    /** The IVR's {@code UserEvent: IvrAccount} with the account number the caller keyed in. */
    record IvrAccountEntered(String server, Instant at, String linkedid, String account) implements TelephonyEvent {
    }

    record QueueJoined(String server, Instant at, String linkedid, String uniqueid, String queue, int position,
                       String callerNumber, String callerName) implements TelephonyEvent {
    }

    /** QueueCallerLeave: the caller left the waiting list (answered, abandoned or timed out). */
    record QueueLeft(String server, Instant at, String linkedid, String uniqueid, String queue, int position)
            implements TelephonyEvent {
    }

    /** AgentCalled: the agent's phone starts ringing. */
    record AgentRinging(String server, Instant at, String linkedid, String uniqueid, String queue,
                        String agentInterface, String memberName) implements TelephonyEvent {
    }

    /** AgentRingNoAnswer; Asterisk reports its ring time in milliseconds. */
    record AgentNotAnswering(String server, Instant at, String linkedid, String uniqueid, String queue,
                             String agentInterface, String memberName, long ringMillis) implements TelephonyEvent {
    }

    /**
     * AgentConnect; hold and ring time in whole seconds. {@code agentUniqueid} is the agent's
     * channel (DestUniqueid), which AgentComplete may be the only one to name.
     */
    record AgentAnswered(String server, Instant at, String linkedid, String uniqueid, String queue,
                         String agentInterface, String memberName, String agentUniqueid, long holdSeconds,
                         long ringSeconds) implements TelephonyEvent {
    }

    /**
     * AgentComplete; {@code reason} is caller, agent or transfer. When the caller hung up first,
     * Asterisk may send it without the caller's channel (no Uniqueid, no Linkedid), with only the
     * agent's (DestUniqueid, DestLinkedid), or with neither: then only queue and member say
     * which call it ends. Hence the nullable ids.
     */
    record AgentCompleted(String server, Instant at, String linkedid, String uniqueid, String queue,
                          String agentInterface, String memberName, String agentUniqueid, long holdSeconds,
                          long talkSeconds, String reason) implements TelephonyEvent {
    }

    /**
     * QueueCallerAbandon. Asterisk also sends it when the queue's timeout moves the caller on;
     * a {@code QUEUESTATUS=TIMEOUT} {@link VariableSet} on the same channel tells the two apart.
     */
    record CallerAbandoned(String server, Instant at, String linkedid, String uniqueid, String queue, int position,
                           int originalPosition, long holdSeconds) implements TelephonyEvent {
    }

    record ChannelHungUp(String server, Instant at, String linkedid, String uniqueid, String channel, int cause)
            implements TelephonyEvent {
        public boolean endsCall() {
            return uniqueid.equals(linkedid);
        }
    }

    /**
     * A queue member's state (QueueMemberStatus, QueueMemberPause, or QueueMember in a QueueStatus
     * answer). {@code status} is Asterisk's device state: 1 not in use, 2 in use, 5 unavailable,
     * 6 ringing …; {@code lastPause} and {@code lastCall} are epoch seconds (0: never).
     */
    record MemberState(String server, Instant at, String queue, String memberName, String memberInterface,
                       int status, boolean paused, String pausedReason, boolean inCall, long lastPause,
                       long lastCall, int callsTaken, int wrapUpSeconds) implements TelephonyEvent {
    }

    /** A queue as QueueStatus lists it (QueueParams); {@code serviceLevelSeconds} 0 when unset. */
    record QueueParameters(String queue, int serviceLevelSeconds) {
    }

    /**
     * The state Asterisk reported after a (re)connect: its queues and their members, who is
     * waiting in which queue, and the calls whose channels exist. Events before it were already
     * handed over; events after it follow it.
     */
    record Resynchronised(String server, Instant at, List<QueueParameters> queues, List<MemberState> members,
                          List<WaitingCaller> waiting, List<LiveChannel> channels) implements TelephonyEvent {
        public Resynchronised {
            queues = List.copyOf(queues);
            members = List.copyOf(members);
            waiting = List.copyOf(waiting);
            channels = List.copyOf(channels);
        }
    }

    /** One QueueEntry of a QueueStatus answer; {@code linkedid} resolved through CoreShowChannels. */
    record WaitingCaller(String queue, int position, String uniqueid, String linkedid, String callerNumber,
                         String callerName, long waitSeconds) {
    }

    /** One CoreShowChannel of a CoreShowChannels answer. */
    record LiveChannel(String uniqueid, String linkedid, String channel) {
    }

    /**
     * How an Originate Switchboard asked for went (OriginateResponse): {@code actionId} is the one
     * it was sent with; {@code answered} whether the first channel (the agent's phone) answered;
     * {@code reason} Asterisk's code (4 answered, 3 rang out, 5 busy, 8 congestion, 0 failed).
     */
    record OriginateResult(String server, Instant at, String actionId, boolean answered, int reason, String channel)
            implements TelephonyEvent {
    }

    /** The connection to one Asterisk went up (logged in and resynchronised) or down. */
    record LinkChanged(String server, Instant at, LinkState state, String detail) implements TelephonyEvent {
    }
}
