package dev.switchboard.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One call as followed live, keyed by Asterisk's Linkedid: its caller, what the IVR collected,
 * and each queue leg in order. Mutable; owned by the {@link JourneyTracker}.
 */
final class CallJourney {

    final String server;
    final String linkedid;
    final Instant startedAt;
    /** Who first recorded the call. */
    final FactSource source;
    String callerNumber;
    String callerName;
    String ivrAccount;
    Long ivrSeconds;
    Instant endedAt;
    FactSource endedSource = FactSource.AMI;
    /** Gone from Asterisk's channel list after a reconnect, without an event saying how it ended. */
    boolean lostSight;
    final List<CallLeg> legs = new ArrayList<>();
    /** The Uniqueids of the call's channels seen created: queue_log may name the call by any of them. */
    final Set<String> channels = new TreeSet<>();

    CallJourney(String server, String linkedid, Instant startedAt) {
        this(server, linkedid, startedAt, FactSource.AMI);
    }

    private CallJourney(String server, String linkedid, Instant startedAt, FactSource source) {
        this.server = server;
        this.linkedid = linkedid;
        this.startedAt = startedAt;
        this.source = source;
    }

    /** A call only Asterisk's queue_log told of, from when it entered its first queue. */
    static CallJourney fromQueueLog(String server, String linkedid, Instant enteredAt) {
        return new CallJourney(server, linkedid, enteredAt, FactSource.QUEUE_LOG);
    }

    /** The journey as stored, to be followed on (after a restart). */
    static CallJourney from(JourneyRecord record) {
        CallJourney j = new CallJourney(record.server(), record.linkedid(), record.startedAt(), record.source());
        j.callerNumber = record.callerNumber();
        j.callerName = record.callerName();
        j.ivrAccount = record.ivrAccount();
        j.ivrSeconds = record.ivrSeconds();
        j.endedAt = record.endedAt();
        if (record.endedSource() != null) {
            j.endedSource = record.endedSource();
        }
        record.legs().forEach(leg -> j.legs.add(CallLeg.from(leg)));
        j.channels.addAll(record.channels());
        return j;
    }

    CallLeg join(String uniqueid, String queue, Instant at, int position) {
        return join(uniqueid, queue, at, position, FactSource.AMI);
    }

    /** A new leg; {@code joinedSource} says whether {@code at} was reported or estimated. */
    CallLeg join(String uniqueid, String queue, Instant at, int position, FactSource joinedSource) {
        if (legs.isEmpty()) {
            ivrSeconds = Math.max(0, Duration.between(startedAt, at).toSeconds());
        }
        CallLeg leg = new CallLeg(legs.size() + 1, uniqueid, queue, at, position);
        leg.joinedSource = joinedSource;
        legs.add(leg);
        return leg;
    }

    /** The leg this channel is waiting in, in that queue. */
    Optional<CallLeg> waitingLeg(String uniqueid, String queue) {
        return lastLeg(uniqueid, queue).filter(CallLeg::isWaiting);
    }

    /** The channel's latest leg in that queue, whatever its state. */
    Optional<CallLeg> lastLeg(String uniqueid, String queue) {
        for (int i = legs.size() - 1; i >= 0; i--) {
            CallLeg leg = legs.get(i);
            if (leg.queue.equals(queue) && (uniqueid == null || Objects.equals(leg.uniqueid, uniqueid))) {
                return Optional.of(leg);
            }
        }
        return Optional.empty();
    }

    /** The channel's latest leg in any queue. */
    Optional<CallLeg> lastLegOf(String uniqueid) {
        for (int i = legs.size() - 1; i >= 0; i--) {
            if (Objects.equals(legs.get(i).uniqueid, uniqueid)) {
                return Optional.of(legs.get(i));
            }
        }
        return Optional.empty();
    }

    JourneyRecord record() {
        return new JourneyRecord(server, linkedid, callerNumber, callerName, ivrAccount, startedAt, ivrSeconds,
                endedAt, legs.stream().map(CallLeg::record).toList(), source, endedAt == null ? null : endedSource,
                channels);
    }
}
