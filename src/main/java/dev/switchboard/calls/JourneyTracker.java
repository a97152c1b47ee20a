package dev.switchboard.calls;

import dev.switchboard.telephony.TelephonyEvent;
import dev.switchboard.telephony.TelephonyEvent.AgentAnswered;
import dev.switchboard.telephony.TelephonyEvent.AgentCompleted;
import dev.switchboard.telephony.TelephonyEvent.AgentNotAnswering;
import dev.switchboard.telephony.TelephonyEvent.AgentRinging;
import dev.switchboard.telephony.TelephonyEvent.CallerAbandoned;
import dev.switchboard.telephony.TelephonyEvent.CallerIdChanged;
import dev.switchboard.telephony.TelephonyEvent.ChannelCreated;
import dev.switchboard.telephony.TelephonyEvent.ChannelHungUp;
import dev.switchboard.telephony.TelephonyEvent.IvrAccountEntered;
import dev.switchboard.telephony.TelephonyEvent.QueueJoined;
import dev.switchboard.telephony.TelephonyEvent.Resynchronised;
import dev.switchboard.telephony.TelephonyEvent.VariableSet;
import dev.switchboard.telephony.TelephonyEvent.WaitingCaller;
import dev.switchboard.telephony.queuelog.QueueLogLeg;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Follows every call by its Linkedid, event by event, and says which journeys changed. Pure
 * state, no I/O: the {@link JourneyRecorder} persists what it reports.
 * <p>
 * Replays are harmless: Asterisk creates a call's first channel ({@code Uniqueid == Linkedid})
 * exactly once, so seeing it again means the same events are coming again; the journey is
 * rebuilt from scratch with the same leg numbers, and the store's upsert lands on the same rows.
 * Events for a call whose start was missed (a restart, a reconnect) build what is missing instead
 * of being lost; they are counted as unmatched.
 */
public final class JourneyTracker {

    /** What the IVR may put in CC_ACCOUNT: an account number as accounts store it. */
    static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{4,12}");

    /**
     * QUEUESTATUS values for a caller the queue itself sent on: its timeout, or no agent left to
     * answer (leavewhenempty; LEAVEUNAVAIL when strict). Queue_log calls each an exit, not an abandon.
     */
    private static final Set<String> QUEUE_SENT_ON = Set.of("TIMEOUT", "LEAVEEMPTY", "LEAVEUNAVAIL");

    private final Clock clock;
    private final Map<String, CallJourney> journeys = new HashMap<>();
    private final Map<String, Instant> touched = new HashMap<>();
    /** Per server, the channels Asterisk listed at the last resynchronisation: Uniqueid to Linkedid. */
    private final Map<String, Map<String, String>> liveAtResync = new HashMap<>();
    private long unmatched;
    private long rejectedAccounts;

    public JourneyTracker(Clock clock) {
        this.clock = clock;
    }

    /** Applies one event; the journeys it changed (usually one, none for events of no interest). */
    public Set<CallJourneyRef> apply(TelephonyEvent event) {
        Set<CallJourneyRef> changed = new HashSet<>();
        if (event instanceof ChannelCreated e) {
            channelCreated(e, changed);
        } else if (event instanceof CallerIdChanged e) {
            callerIdChanged(e, changed);
        } else if (event instanceof VariableSet e) {
            variableSet(e, changed);
        } else if (event instanceof IvrAccountEntered e) {
            ivrAccount(e.server(), e.linkedid(), e.at(), e.account(), changed);
        } else if (event instanceof QueueJoined e) {
            queueJoined(e, changed);
        } else if (event instanceof AgentRinging e) {
            leg(e.server(), e.linkedid(), e.uniqueid(), e.queue(), e.at(), 0).ifPresent(leg -> {
                leg.ring(e.memberName(), e.agentInterface(), e.at());
                changed.add(touch(e.server(), e.linkedid()));
            });
        } else if (event instanceof AgentNotAnswering e) {
            leg(e.server(), e.linkedid(), e.uniqueid(), e.queue(), e.at(), 0).ifPresent(leg -> {
                leg.endRing(e.memberName(), e.agentInterface(), e.at(), "no_answer", e.ringMillis());
                changed.add(touch(e.server(), e.linkedid()));
            });
        } else if (event instanceof AgentAnswered e) {
            agentAnswered(e, changed);
        } else if (event instanceof AgentCompleted e) {
            agentCompleted(e, changed);
        } else if (event instanceof CallerAbandoned e) {
            callerAbandoned(e, changed);
        } else if (event instanceof ChannelHungUp e && e.endsCall()) {
            known(e.server(), e.linkedid()).ifPresent(j -> {
                j.endedAt = e.at();
                j.endedSource = FactSource.AMI;
                changed.add(touch(j));
            });
        } else if (event instanceof Resynchronised e) {
            resynchronised(e, changed);
        }
        // QueueCallerLeave carries no outcome (AgentConnect / QueueCallerAbandon do); link changes
        // matter to readiness, not to journeys.
        return changed;
    }

    private void callerIdChanged(CallerIdChanged e, Set<CallJourneyRef> changed) {
        known(e.server(), e.linkedid()).ifPresent(j -> {
            // Only the caller's own channel: agent channels of the same call carry other numbers.
            if (e.callerNumber() != null && e.uniqueid().equals(e.linkedid())) {
                j.callerNumber = e.callerNumber();
                j.callerName = e.callerName() != null ? e.callerName() : j.callerName;
                changed.add(touch(j));
            }
        });
    }

    private void queueJoined(QueueJoined e, Set<CallJourneyRef> changed) {
        CallJourney j = journey(e.server(), e.linkedid(), e.at());
        if (e.callerNumber() != null) {
            j.callerNumber = e.callerNumber();
        }
        if (e.callerName() != null) {
            j.callerName = e.callerName();
        }
        j.join(e.uniqueid(), e.queue(), e.at(), e.position());
        changed.add(touch(j));
    }

    private void agentAnswered(AgentAnswered e, Set<CallJourneyRef> changed) {
        leg(e.server(), e.linkedid(), e.uniqueid(), e.queue(), e.at(), e.holdSeconds()).ifPresent(leg -> {
            leg.outcomeFromAmi(LegOutcome.ANSWERED);
            leg.leftAt = e.at();
            leg.holdSeconds = e.holdSeconds();
            leg.ringSeconds = e.ringSeconds();
            leg.agentName = e.memberName();
            leg.agentInterface = e.agentInterface();
            leg.agentUniqueid = e.agentUniqueid();
            leg.endRing(e.memberName(), e.agentInterface(), e.at(), "answered", e.ringSeconds() * 1000);
            leg.cancelRinging();
            changed.add(touch(e.server(), e.linkedid()));
        });
    }

    private void callerAbandoned(CallerAbandoned e, Set<CallJourneyRef> changed) {
        leg(e.server(), e.linkedid(), e.uniqueid(), e.queue(), e.at(), e.holdSeconds()).ifPresent(leg -> {
            leg.outcomeFromAmi(LegOutcome.ABANDONED);
            leg.leftAt = e.at();
            leg.holdSeconds = e.holdSeconds();
            leg.position = e.position();
            if (e.originalPosition() > 0) {
                leg.originalPosition = e.originalPosition();
            }
            leg.cancelRinging();
            changed.add(touch(e.server(), e.linkedid()));
        });
    }

    private void channelCreated(ChannelCreated e, Set<CallJourneyRef> changed) {
        if (!e.startsCall()) {
            // Another channel of the call (a Local channel that queues, an agent's phone): its
            // Uniqueid may be the one queue_log names the call by.
            known(e.server(), e.linkedid()).filter(j -> j.channels.add(e.uniqueid()))
                    .ifPresent(j -> changed.add(touch(j)));
            return;
        }
        // Seen again: the same call replayed. Start over; the upsert lands on the same rows.
        CallJourney j = new CallJourney(e.server(), e.linkedid(), e.at());
        j.callerNumber = e.callerNumber();
        j.callerName = e.callerName();
        j.channels.add(e.uniqueid());
        journeys.put(key(e.server(), e.linkedid()), j);
        changed.add(touch(j));
    }

    private void variableSet(VariableSet e, Set<CallJourneyRef> changed) {
        if (e.variable().equals("CC_ACCOUNT")) {
            ivrAccount(e.server(), e.linkedid(), e.at(), e.value(), changed);
        } else if (e.variable().equals("QUEUESTATUS") && QUEUE_SENT_ON.contains(e.value())) {
            known(e.server(), e.linkedid()).flatMap(j -> j.lastLegOf(e.uniqueid())).ifPresent(leg -> {
                if (leg.outcome == LegOutcome.ABANDONED || leg.isWaiting()) {
                    sentOnByTheQueue(leg, e.at());
                    changed.add(touch(e.server(), e.linkedid()));
                }
            });
        } else if (e.variable().equals("CC_CALLBACK")) {
            // The caller pressed for a callback: the leg they left ends as a callback request.
            known(e.server(), e.linkedid()).flatMap(j -> j.lastLegOf(e.uniqueid()))
                    .filter(leg -> leg.queue.equals(e.value()) && leg.outcome == null)
                    .ifPresent(leg -> {
                        leg.outcomeFromAmi(LegOutcome.CALLBACK);
                        leg.leftAt = leg.leftAt != null ? leg.leftAt : e.at();
                        leg.holdSeconds = Duration.between(leg.joinedAt, leg.leftAt).toSeconds();
                        leg.cancelRinging();
                        changed.add(touch(e.server(), e.linkedid()));
                    });
        }
    }

    /**
     * The queue sent the caller on. Asterisk reports it as a QueueCallerAbandon just before on a
     * timeout, and on leaving an empty queue only in some versions: so the leg may still be waiting.
     */
    private static void sentOnByTheQueue(CallLeg leg, Instant at) {
        if (leg.isWaiting()) {
            leg.leftAt = at;
            leg.holdSeconds = Math.max(0, Duration.between(leg.joinedAt, at).toSeconds());
            leg.cancelRinging();
        }
        leg.outcomeFromAmi(LegOutcome.TIMEOUT);
    }

    private void ivrAccount(String server, String linkedid, Instant at, String account, Set<CallJourneyRef> changed) {
        if (account == null || account.isEmpty()) {
            return;
        }
        if (!ACCOUNT_NUMBER.matcher(account).matches()) {
            rejectedAccounts++;
            return;
        }
        CallJourney j = journey(server, linkedid, at);
        j.ivrAccount = account;
        changed.add(touch(j));
    }

    private void agentCompleted(AgentCompleted e, Set<CallJourneyRef> changed) {
        Optional<CallJourney> journey = talkingJourney(e);
        CallJourney j;
        CallLeg leg;
        if (journey.isPresent()) {
            j = journey.get();
            leg = talkingLeg(j, e).orElseThrow();
        } else if (e.linkedid() == null) {
            unmatched++;
            return;
        } else {
            // The answer was missed (a gap in the link): the caller's wait in this queue ends
            // answered; only when that wait was missed too is a leg rebuilt from what the event says.
            CallJourney followed = journeys.get(key(e.server(), e.linkedid()));
            Optional<CallLeg> waiting = followed == null ? Optional.empty()
                    : followed.waitingLeg(e.uniqueid(), e.queue());
            if (waiting.isPresent()) {
                j = followed;
                leg = waiting.get();
            } else {
                unmatched++;
                Instant joinedAt = e.at().minusSeconds(e.holdSeconds() + e.talkSeconds());
                j = journey(e.server(), e.linkedid(), joinedAt);
                leg = j.join(e.uniqueid() == null ? "" : e.uniqueid(), e.queue(), joinedAt, 0, FactSource.RESYNC);
            }
            answeredUnseen(leg, e);
        }
        leg.talkSeconds = e.talkSeconds();
        leg.completedBy = e.reason().isEmpty() ? null : e.reason();
        changed.add(touch(j));
    }

    /** What an AgentComplete says of the answer that was missed: when, after what wait, by whom. */
    private static void answeredUnseen(CallLeg leg, AgentCompleted e) {
        Instant answeredAt = e.at().minusSeconds(e.talkSeconds());
        leg.outcomeFromAmi(LegOutcome.ANSWERED);
        leg.leftAt = leg.leftAt != null ? leg.leftAt : answeredAt;
        leg.holdSeconds = e.holdSeconds();
        leg.agentName = e.memberName();
        leg.agentInterface = e.agentInterface();
        leg.answeredBy(e.agentInterface(), answeredAt);
        leg.cancelRinging();
    }

    /**
     * The call an AgentComplete ends: by its Linkedid when it has one, else the call in which
     * this member of this queue is still talking (Asterisk omits the caller's channel when the
     * caller hung up first).
     */
    private Optional<CallJourney> talkingJourney(AgentCompleted e) {
        if (e.linkedid() != null) {
            return known(e.server(), e.linkedid()).filter(j -> talkingLeg(j, e).isPresent());
        }
        return journeys.values().stream()
                .filter(j -> j.server.equals(e.server()) && talkingLeg(j, e).isPresent())
                .findFirst();
    }

    private static Optional<CallLeg> talkingLeg(CallJourney j, AgentCompleted e) {
        for (int i = j.legs.size() - 1; i >= 0; i--) {
            CallLeg leg = j.legs.get(i);
            boolean sameChannel = e.uniqueid() != null ? e.uniqueid().equals(leg.uniqueid)
                    : e.agentUniqueid() != null ? e.agentUniqueid().equals(leg.agentUniqueid)
                    : Objects.equals(e.agentInterface(), leg.agentInterface);
            if (leg.isTalking() && leg.queue.equals(e.queue()) && sameChannel) {
                return Optional.of(leg);
            }
        }
        return Optional.empty();
    }

    /**
     * The leg an agent or abandon event is about; if its join was missed, a leg is made that
     * started {@code heldSeconds} before the event, so the call is not lost.
     */
    private Optional<CallLeg> leg(String server, String linkedid, String uniqueid, String queue, Instant at,
                                  long heldSeconds) {
        CallJourney j = journeys.get(key(server, linkedid));
        Optional<CallLeg> waiting = j == null ? Optional.empty() : j.waitingLeg(uniqueid, queue);
        if (waiting.isPresent()) {
            return waiting;
        }
        unmatched++;
        Instant joinedAt = at.minusSeconds(heldSeconds);
        CallJourney journey = journey(server, linkedid, joinedAt);
        return Optional.of(journey.join(uniqueid, queue, joinedAt, 0, FactSource.RESYNC));
    }

    private void resynchronised(Resynchronised e, Set<CallJourneyRef> changed) {
        Set<String> liveCalls = new HashSet<>();
        Map<String, String> liveChannels = new HashMap<>();
        e.channels().forEach(c -> {
            liveCalls.add(c.linkedid());
            liveChannels.put(c.uniqueid(), c.linkedid());
        });
        liveAtResync.put(e.server(), liveChannels);
        for (WaitingCaller caller : e.waiting()) {
            liveCalls.add(caller.linkedid());
            liveChannels.put(caller.uniqueid(), caller.linkedid());
            CallJourney j = journey(e.server(), caller.linkedid(), e.at().minusSeconds(caller.waitSeconds()));
            if (j.waitingLeg(caller.uniqueid(), caller.queue()).isEmpty()) {
                j.join(caller.uniqueid(), caller.queue(), e.at().minusSeconds(caller.waitSeconds()), caller.position(),
                        FactSource.RESYNC);
                if (caller.callerNumber() != null) {
                    j.callerNumber = caller.callerNumber();
                }
                changed.add(touch(j));
            }
        }
        // Calls of this server that vanished while the link was down: no event says how or when they
        // ended, so what was seen stays stored as it is (no end time) and they are let go.
        for (CallJourney j : journeys.values()) {
            if (j.server.equals(e.server()) && j.endedAt == null && !liveCalls.contains(j.linkedid)) {
                j.lostSight = true;
            }
        }
    }

    /**
     * Holds one queue leg as Asterisk's queue_log tells it against the calls followed. When AMI was
     * {@code heard} for the whole stay, the followed leg is only compared; otherwise what AMI missed
     * is filled in from queue_log: the call or the leg is added if missing, and an open or wrong
     * leg is made to say what queue_log says. A call queue_log shows finished that Asterisk did not
     * list as live at the last resynchronisation is given an end. Idempotent: the same leg again
     * changes nothing. Calls stored but not followed must be {@link #adopt adopted} first.
     */
    public QueueLogApplied applyQueueLog(String server, QueueLogLeg logged, boolean heard) {
        return applyQueueLog(server, List.of(logged), leg -> heard).get(0);
    }

    /**
     * {@link #applyQueueLog(String, QueueLogLeg, boolean)} for each leg in turn, in one pass over the
     * calls followed (their channels indexed once); {@code heard} says which legs AMI heard throughout.
     */
    public List<QueueLogApplied> applyQueueLog(String server, List<QueueLogLeg> legs, Predicate<QueueLogLeg> heard) {
        Map<String, CallJourney> byChannel = channels(server);
        List<QueueLogApplied> applied = new ArrayList<>(legs.size());
        for (QueueLogLeg leg : legs) {
            applied.add(applyQueueLog(server, leg, heard.test(leg), byChannel));
        }
        return applied;
    }

    private QueueLogApplied applyQueueLog(String server, QueueLogLeg logged, boolean heard,
                                          Map<String, CallJourney> byChannel) {
        Optional<CallJourney> found = Optional.ofNullable(byChannel.get(logged.callid()));
        Optional<CallLeg> leg = found.flatMap(j -> sameStay(j, logged));
        if (heard) {
            List<LegReconciliation.Disagreement> disagreements = leg
                    .map(l -> LegReconciliation.compare(l, logged))
                    .orElseGet(() -> List.of(new LegReconciliation.Disagreement("missing_leg", null,
                            logged.queue() + " at " + logged.enteredAt())));
            return new QueueLogApplied(Set.of(), disagreements, List.of());
        }
        List<String> repairs = new ArrayList<>();
        CallJourney j = found.orElseGet(() -> {
            repairs.add("call_added");
            CallJourney added = callFromQueueLog(server, logged);
            byChannel.put(logged.callid(), added);
            return added;
        });
        CallLeg repaired = leg.orElseGet(() -> {
            if (found.isPresent()) {
                repairs.add("leg_added");
            }
            return j.join(logged.callid(), logged.queue(), logged.enteredAt(),
                    logged.position() == null ? 0 : logged.position(), FactSource.QUEUE_LOG);
        });
        if (j.source == FactSource.QUEUE_LOG) {
            j.ivrSeconds = null; // queue_log knows nothing of the IVR before the queue
        }
        if (LegReconciliation.repair(repaired, logged) && leg.isPresent()) {
            repairs.add("leg_repaired");
        }
        if (logged.complete() && endedUnseen(j)) {
            Instant end = logged.lastLineAt();
            if (j.endedAt == null) {
                repairs.add("call_ended");
            }
            if (j.endedAt == null || end.isAfter(j.endedAt)) {
                j.endedAt = end;
                j.endedSource = FactSource.QUEUE_LOG;
            }
        }
        Set<CallJourneyRef> changed = repairs.isEmpty() ? Set.of() : Set.of(touch(j));
        return new QueueLogApplied(changed, List.of(), repairs);
    }

    /** What {@link #applyQueueLog} found and did: {@code repairs} names each kind of change made. */
    public record QueueLogApplied(Set<CallJourneyRef> changed, List<LegReconciliation.Disagreement> disagreements,
                                  List<String> repairs) {
    }

    /** Those of the calls queue_log names by {@code callids} that are not followed (they must be adopted from the store). */
    public Set<String> notFollowed(String server, Collection<String> callids) {
        Map<String, CallJourney> byChannel = channels(server);
        Set<String> missing = new LinkedHashSet<>(callids);
        missing.removeIf(byChannel::containsKey);
        return missing;
    }

    /**
     * The calls of {@code server} by each Uniqueid of theirs: the first channel (the Linkedid) wins
     * over a channel that queued or another one seen created.
     */
    private Map<String, CallJourney> channels(String server) {
        Map<String, CallJourney> byChannel = new HashMap<>();
        List<CallJourney> ofServer = journeys.values().stream().filter(j -> j.server.equals(server)).toList();
        ofServer.forEach(j -> byChannel.put(j.linkedid, j));
        for (CallJourney j : ofServer) {
            j.channels.forEach(uniqueid -> byChannel.putIfAbsent(uniqueid, j));
            j.legs.stream().filter(l -> l.uniqueid != null).forEach(l -> byChannel.putIfAbsent(l.uniqueid, j));
        }
        return byChannel;
    }

    /** The followed leg that is the same stay as queue_log's: same queue, same channel, joined at nearly the same time. */
    private static Optional<CallLeg> sameStay(CallJourney j, QueueLogLeg logged) {
        return j.legs.stream()
                .filter(l -> l.uniqueid == null || l.uniqueid.isEmpty() || l.uniqueid.equals(logged.callid()))
                .filter(l -> LegReconciliation.sameStay(l, logged))
                .min(Comparator.comparing(l -> Duration.between(logged.enteredAt(), l.joinedAt).abs()));
    }

    /** A call AMI never told of: by its Linkedid if Asterisk listed its channel as live, else by the channel that queued. */
    private CallJourney callFromQueueLog(String server, QueueLogLeg logged) {
        String linkedid = liveAtResync.getOrDefault(server, Map.of()).getOrDefault(logged.callid(), logged.callid());
        CallJourney j = CallJourney.fromQueueLog(server, linkedid, logged.enteredAt());
        j.callerNumber = logged.callerId() == null || logged.callerId().isEmpty() ? null : logged.callerId();
        j.channels.add(logged.callid());
        journeys.put(key(server, linkedid), j);
        return j;
    }

    /**
     * The call has no end AMI could still report: every leg is over, and none of its channels was
     * live when Asterisk was last asked (a live call's hangup is still to come over AMI).
     */
    private boolean endedUnseen(CallJourney j) {
        if (j.legs.stream().anyMatch(l -> l.outcome == null || l.isTalking())) {
            return false;
        }
        if (j.endedAt != null && j.endedSource == FactSource.AMI) {
            return false;
        }
        Map<String, String> live = liveAtResync.getOrDefault(j.server, Map.of());
        return !live.containsValue(j.linkedid) && j.channels.stream().noneMatch(live::containsKey)
                && j.legs.stream().noneMatch(l -> l.uniqueid != null && live.containsKey(l.uniqueid));
    }

    private Optional<CallJourney> known(String server, String linkedid) {
        return Optional.ofNullable(journeys.get(key(server, linkedid)));
    }

    private CallJourney journey(String server, String linkedid, Instant startedAt) {
        return journeys.computeIfAbsent(key(server, linkedid), k -> new CallJourney(server, linkedid, startedAt));
    }

    private CallJourneyRef touch(String server, String linkedid) {
        return touch(journeys.get(key(server, linkedid)));
    }

    private CallJourneyRef touch(CallJourney journey) {
        touched.put(key(journey.server, journey.linkedid), clock.instant());
        return new CallJourneyRef(journey.server, journey.linkedid);
    }

    /**
     * Follows on a call stored by an earlier run, so that events about it land on its stored legs
     * instead of starting it over; a call already followed is left as it is. Nothing changes in
     * the store: the call is as stored until an event says otherwise.
     */
    public boolean adopt(JourneyRecord stored) {
        String key = key(stored.server(), stored.linkedid());
        if (journeys.containsKey(key)) {
            return false;
        }
        journeys.put(key, CallJourney.from(stored));
        touched.put(key, clock.instant());
        return true;
    }

    /** The current state of a journey, to be stored. */
    public Optional<JourneyRecord> record(CallJourneyRef ref) {
        return known(ref.server(), ref.linkedid()).map(CallJourney::record);
    }

    /**
     * Forgets calls that ended more than {@code keepEnded} ago, calls silent for longer than
     * {@code keepSilent}, and calls that vanished while a link was down, except those in
     * {@code keep} (changes not stored yet).
     */
    public int forget(Duration keepEnded, Duration keepSilent, Set<CallJourneyRef> keep) {
        Instant now = clock.instant();
        int forgotten = 0;
        Iterator<Map.Entry<String, CallJourney>> it = journeys.entrySet().iterator();
        while (it.hasNext()) {
            CallJourney j = it.next().getValue();
            Instant last = touched.getOrDefault(key(j.server, j.linkedid), now);
            boolean done = j.endedAt != null && last.isBefore(now.minus(keepEnded));
            boolean silent = last.isBefore(now.minus(keepSilent));
            if ((done || silent || j.lostSight) && !keep.contains(new CallJourneyRef(j.server, j.linkedid))) {
                it.remove();
                touched.remove(key(j.server, j.linkedid));
                forgotten++;
            }
        }
        return forgotten;
    }

    public int size() {
        return journeys.size();
    }

    /** Events about a call or leg whose start was not seen. */
    public long unmatched() {
        return unmatched;
    }

    /** IVR account values that are not account numbers (e.g. hostile digits). */
    public long rejectedAccounts() {
        return rejectedAccounts;
    }

    private static String key(String server, String linkedid) {
        return server + "\u0000" + linkedid;
    }
}
