package dev.switchboard.queues;

import dev.switchboard.telephony.TelephonyEvent;
import dev.switchboard.telephony.TelephonyEvent.AgentAnswered;
import dev.switchboard.telephony.TelephonyEvent.AgentCompleted;
import dev.switchboard.telephony.TelephonyEvent.AgentNotAnswering;
import dev.switchboard.telephony.TelephonyEvent.AgentRinging;
import dev.switchboard.telephony.TelephonyEvent.CallerAbandoned;
import dev.switchboard.telephony.TelephonyEvent.ChannelHungUp;
import dev.switchboard.telephony.TelephonyEvent.IvrAccountEntered;
import dev.switchboard.telephony.TelephonyEvent.MemberState;
import dev.switchboard.telephony.TelephonyEvent.QueueJoined;
import dev.switchboard.telephony.TelephonyEvent.QueueLeft;
import dev.switchboard.telephony.TelephonyEvent.Resynchronised;
import dev.switchboard.telephony.TelephonyEvent.VariableSet;
import dev.switchboard.telephony.TelephonyEvent.WaitingCaller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Every queue as it is right now: who waits (since when, by this process's clock), and what
 * each member agent is doing. Pure state fed by telephony events; {@link #apply} says what
 * changed so that the caller can push it and start or stop answer-target timers.
 */
public final class LiveQueueBoard {

    /** A caller waiting in a queue. */
    public static final class Caller {
        final String queue;
        final String uniqueid;
        final String linkedid;
        final String callerNumber;
        final Instant since;
        final String call;
        int position;
        boolean breached;
        /** The account number the caller keyed in the IVR; null if none (yet). */
        String account;

        Caller(String queue, String uniqueid, String linkedid, String callerNumber, Instant since, int position,
               String call) {
            this.queue = queue;
            this.uniqueid = uniqueid;
            this.linkedid = linkedid;
            this.callerNumber = callerNumber;
            this.since = since;
            this.position = position;
            this.call = call;
        }

        public String queue() {
            return queue;
        }

        public String uniqueid() {
            return uniqueid;
        }

        public String callerNumber() {
            return callerNumber;
        }

        public Instant since() {
            return since;
        }

        public boolean breached() {
            return breached;
        }

        public String account() {
            return account;
        }
    }

    /** A queue member (agent) as this queue sees it. */
    static final class Agent {
        final String memberInterface;
        String name;
        boolean paused;
        String pausedReason = "";
        Instant pausedSince;
        int deviceStatus = 1;
        boolean ringing;
        /** The queue channel (caller) this phone rings for. */
        String ringingFor;
        boolean onCall;
        int wrapUpSeconds;
        Instant wrapUpUntil;
        AgentStatus status = AgentStatus.READY;
        Instant since;

        Agent(String memberInterface, Instant since) {
            this.memberInterface = memberInterface;
            this.since = since;
        }
    }

    static final class Queue {
        final String name;
        final Map<String, Caller> waiting = new LinkedHashMap<>();
        final Map<String, Agent> agents = new TreeMap<>();

        Queue(String name) {
            this.name = name;
        }
    }

    /** What one event changed. */
    public record Changes(List<String> queues, List<Caller> joined, List<Caller> left) {
        static Changes none() {
            return new Changes(List.of(), List.of(), List.of());
        }

        boolean isEmpty() {
            return queues.isEmpty() && joined.isEmpty() && left.isEmpty();
        }
    }

    /** An account number as the IVR accepts it; anything else the dialplan sets is not shown. */
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{4,12}");
    /**
     * Accounts keyed in calls still up, so far at most this many: a call's entry goes with its
     * hang-up, and one whose hang-up was missed (a lost AMI link) must not stay for ever.
     */
    static final int IVR_ACCOUNTS_KEPT = 10_000;

    private final Clock clock;
    private final AnswerTargets targets;
    private final Map<String, Integer> configuredWrapUps;
    private final Map<String, Queue> queues = new TreeMap<>();
    /** The IVR account of each call (server and Linkedid), set before or after it joins a queue. */
    private final Map<String, String> ivrAccounts = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > IVR_ACCOUNTS_KEPT;
        }
    };
    /** Members' own wrapuptime by queue; read by figure requests on other threads. */
    private final Map<String, Integer> memberWrapUps = new ConcurrentHashMap<>();

    public LiveQueueBoard(Clock clock, AnswerTargets targets, Map<String, Integer> configuredWrapUps) {
        this.clock = clock;
        this.targets = targets;
        this.configuredWrapUps = Map.copyOf(configuredWrapUps);
    }

    public Changes apply(TelephonyEvent event) {
        List<String> changed = new ArrayList<>();
        List<Caller> joined = new ArrayList<>();
        List<Caller> left = new ArrayList<>();
        Instant now = clock.instant();
        if (event instanceof QueueJoined e) {
            Queue q = queue(e.queue());
            Caller caller = new Caller(e.queue(), e.uniqueid(), e.linkedid(), e.callerNumber(), now, e.position(),
                    call(e.server(), e.linkedid()));
            caller.account = ivrAccounts.get(caller.call);
            q.waiting.put(e.uniqueid(), caller);
            joined.add(caller);
            changed.add(q.name);
        } else if (event instanceof QueueLeft e) {
            Queue q = queue(e.queue());
            Caller caller = q.waiting.remove(e.uniqueid());
            if (caller != null) {
                left.add(caller);
                renumber(q);
                changed.add(q.name);
            }
        } else if (event instanceof AgentRinging e) {
            agentEvent(e.queue(), e.agentInterface(), e.memberName(), now, changed, a -> {
                a.ringing = true;
                a.ringingFor = e.uniqueid();
            });
        } else if (event instanceof AgentNotAnswering e) {
            agentEvent(e.queue(), e.agentInterface(), e.memberName(), now, changed, a -> a.ringing = false);
        } else if (event instanceof AgentAnswered e) {
            // with ringall, the other phones ringing for this caller stop without a no-answer event
            stopRinging(e.queue(), e.uniqueid(), now, changed);
            agentEvent(e.queue(), e.agentInterface(), e.memberName(), now, changed, a -> {
                a.ringing = false;
                a.onCall = true;
            });
        } else if (event instanceof AgentCompleted e) {
            int wrapUp = wrapUpSeconds(e.queue());
            agentEvent(e.queue(), e.agentInterface(), e.memberName(), now, changed, a -> {
                a.onCall = false;
                int seconds = a.wrapUpSeconds > 0 ? a.wrapUpSeconds : wrapUp;
                a.wrapUpUntil = seconds > 0 ? now.plusSeconds(seconds) : null;
            });
        } else if (event instanceof CallerAbandoned e) {
            stopRinging(e.queue(), e.uniqueid(), now, changed);
        } else if (event instanceof MemberState e) {
            member(e, now);
            changed.add(e.queue());
        } else if (event instanceof Resynchronised e) {
            resynchronised(e, now, changed, joined, left);
        } else if (event instanceof VariableSet e && e.variable().equals("CC_ACCOUNT")) {
            ivrAccount(e.server(), e.linkedid(), e.value(), changed);
        } else if (event instanceof IvrAccountEntered e) {
            ivrAccount(e.server(), e.linkedid(), e.account(), changed);
        } else if (event instanceof ChannelHungUp e && e.endsCall()) {
            ivrAccounts.remove(call(e.server(), e.linkedid()));
        }
        return changed.isEmpty() && joined.isEmpty() && left.isEmpty() ? Changes.none()
                : new Changes(List.copyOf(changed), joined, left);
    }

    /**
     * The dialplan sets the account (CC_ACCOUNT, and the IvrAccount UserEvent) before the caller
     * joins a queue, on every channel of the call; a caller already waiting takes it too.
     */
    private void ivrAccount(String server, String linkedid, String account, List<String> changed) {
        if (account == null || !ACCOUNT_NUMBER.matcher(account).matches()) {
            return;
        }
        String call = call(server, linkedid);
        if (account.equals(ivrAccounts.put(call, account))) {
            return;
        }
        for (Queue q : queues.values()) {
            for (Caller c : q.waiting.values()) {
                if (c.call.equals(call)) {
                    c.account = account;
                    if (!changed.contains(q.name)) {
                        changed.add(q.name);
                    }
                }
            }
        }
    }

    private static String call(String server, String linkedid) {
        return server + "\u0000" + linkedid;
    }

    /** Every phone still ringing for this caller stops (the caller left, or someone answered). */
    private void stopRinging(String queue, String uniqueid, Instant now, List<String> changed) {
        Queue q = queue(queue);
        for (Agent a : q.agents.values()) {
            if (a.ringing && uniqueid.equals(a.ringingFor)) {
                agentEvent(queue, a.memberInterface, null, now, changed, agent -> agent.ringing = false);
            }
        }
    }

    /** Re-derives states that change with time alone (wrap-up ending); the queues that changed. */
    public List<String> tick() {
        Instant now = clock.instant();
        List<String> changed = new ArrayList<>();
        for (Queue q : queues.values()) {
            for (Agent a : q.agents.values()) {
                if (restate(a, now) && !changed.contains(q.name)) {
                    changed.add(q.name);
                }
            }
        }
        return changed;
    }

    private void member(MemberState e, Instant now) {
        Queue q = queue(e.queue());
        Agent a = q.agents.computeIfAbsent(e.memberInterface(), k -> new Agent(k, now));
        a.name = e.memberName() != null ? e.memberName() : a.name;
        boolean wasPaused = a.paused;
        a.paused = e.paused();
        a.pausedReason = e.paused() ? e.pausedReason() : "";
        if (e.paused() && (!wasPaused || a.pausedSince == null)) {
            a.pausedSince = e.lastPause() > 0 ? Instant.ofEpochSecond(e.lastPause()) : now;
        } else if (!e.paused()) {
            a.pausedSince = null;
        }
        a.deviceStatus = e.status();
        a.wrapUpSeconds = e.wrapUpSeconds();
        if (e.wrapUpSeconds() > 0) {
            memberWrapUps.put(q.name, e.wrapUpSeconds());
        }
        if (e.status() == 6) {
            a.ringing = true;
        } else if (e.status() == 1) {
            // the device is idle: nothing rings and no call is up, whatever events were missed
            a.ringing = false;
            a.onCall = false;
        }
        restate(a, now);
    }

    private void resynchronised(Resynchronised e, Instant now, List<String> changed, List<Caller> joined,
                                List<Caller> left) {
        e.queues().forEach(p -> {
            targets.asteriskServiceLevel(p.queue(), p.serviceLevelSeconds());
            queue(p.queue());
        });
        e.members().forEach(m -> member(m, now));
        Map<String, List<WaitingCaller>> waitingNow = new LinkedHashMap<>();
        e.waiting().forEach(w -> waitingNow.computeIfAbsent(w.queue(), k -> new ArrayList<>()).add(w));
        for (Queue q : queues.values()) {
            List<WaitingCaller> reported = waitingNow.getOrDefault(q.name, List.of());
            List<String> ids = reported.stream().map(WaitingCaller::uniqueid).toList();
            for (Caller gone : List.copyOf(q.waiting.values())) {
                if (!ids.contains(gone.uniqueid)) {
                    q.waiting.remove(gone.uniqueid);
                    left.add(gone);
                }
            }
            for (WaitingCaller w : reported) {
                Caller known = q.waiting.get(w.uniqueid());
                if (known == null) {
                    Caller caller = new Caller(q.name, w.uniqueid(), w.linkedid(), w.callerNumber(),
                            now.minusSeconds(w.waitSeconds()), w.position(), call(e.server(), w.linkedid()));
                    caller.account = ivrAccounts.get(caller.call);
                    q.waiting.put(w.uniqueid(), caller);
                    joined.add(caller);
                } else {
                    known.position = w.position();
                }
            }
            changed.add(q.name);
        }
    }

    private void agentEvent(String queue, String memberInterface, String name, Instant now, List<String> changed,
                            Consumer<Agent> change) {
        if (memberInterface == null) {
            return;
        }
        Queue q = queue(queue);
        Agent a = q.agents.computeIfAbsent(memberInterface, k -> new Agent(k, now));
        if (name != null) {
            a.name = name;
        }
        change.accept(a);
        restate(a, now);
        if (!changed.contains(q.name)) {
            changed.add(q.name);
        }
    }

    /** Derives the agent's status; true when it changed (its time in state starts again). */
    private static boolean restate(Agent a, Instant now) {
        AgentStatus status;
        if (a.deviceStatus == 4 || a.deviceStatus == 5) {
            status = AgentStatus.UNAVAILABLE;
        } else if (a.onCall) {
            status = AgentStatus.ON_CALL;
        } else if (a.ringing) {
            status = AgentStatus.RINGING;
        } else if (a.paused) {
            status = AgentStatus.PAUSED;
        } else if (a.wrapUpUntil != null && now.isBefore(a.wrapUpUntil)) {
            status = AgentStatus.WRAP_UP;
        } else {
            status = AgentStatus.READY;
        }
        if (status == a.status) {
            return false;
        }
        a.status = status;
        a.since = now;
        return true;
    }

    private static void renumber(Queue q) {
        int position = 1;
        for (Caller c : q.waiting.values()) {
            c.position = position++;
        }
    }

    private Queue queue(String name) {
        return queues.computeIfAbsent(name, Queue::new);
    }

    private Optional<Caller> caller(String queue, String uniqueid) {
        return Optional.ofNullable(queues.get(queue)).map(q -> q.waiting.get(uniqueid));
    }

    /** Marks a waiting caller as past the target; false if they are no longer waiting. */
    public boolean breach(Caller caller) {
        Queue q = queues.get(caller.queue);
        if (q == null || q.waiting.get(caller.uniqueid) != caller) {
            return false;
        }
        caller.breached = true;
        return true;
    }

    public Collection<String> queueNames() {
        return queues.keySet();
    }

    /**
     * The queue's wrap-up time: as configured (Asterisk's queue-level wrapuptime is not in AMI),
     * else the members' own wrapuptime, else 0. Thread-safe.
     */
    public int wrapUpSeconds(String queue) {
        Integer configured = configuredWrapUps.get(queue);
        return configured != null ? configured : memberWrapUps.getOrDefault(queue, 0);
    }

    /** The live view of one queue, for the API and the wallboard feed. */
    public Optional<LiveQueue> view(String name) {
        Queue q = queues.get(name);
        if (q == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<LiveQueue.WaitingView> callers = q.waiting.values().stream()
                .map(c -> new LiveQueue.WaitingView(c.uniqueid, c.linkedid, c.callerNumber, c.account, c.position,
                        Duration.between(c.since, now).toSeconds(), c.breached))
                .toList();
        List<LiveQueue.AgentView> agents = q.agents.values().stream()
                .map(a -> new LiveQueue.AgentView(a.name, a.memberInterface, a.status,
                        Duration.between(a.since, now).toSeconds(), a.paused ? a.pausedReason : null,
                        a.paused && a.pausedSince != null ? Math.max(0, Duration.between(a.pausedSince, now).toSeconds())
                                : null))
                .toList();
        return Optional.of(new LiveQueue(q.name, targets.of(q.name), callers, agents));
    }
}
