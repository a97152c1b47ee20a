package dev.switchboard.sim;

import dev.switchboard.sim.AmiEventFactory.Channel;
import dev.switchboard.sim.AmiEventFactory.Member;
import dev.switchboard.sim.TrafficProfile.QueueSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A small call centre that behaves like Asterisk's app_queue and reports it the way Asterisk's
 * manager does: callers arrive (Poisson), spend time in the IVR, may key in an account, join a
 * queue, ring free agents one at a time (some do not answer), are answered, give up, or are moved
 * on by the queue's timeout. Agents wrap up and sometimes pause. Every step is sent as the AMI
 * events a real Asterisk 22 sends for it, and each finished call is written to a ledger. Given a
 * {@link QueueLogSink}, it also writes the queue_log lines Asterisk writes for the same steps, with
 * the caller's Uniqueid as call id and the member name as agent ({@code log_membername_as_agent}).
 * Single-threaded: everything runs on the scheduler's thread.
 */
final class SimulatedCallCentre {

    /** Runs something later; the feed backs this with Vert.x timers. */
    interface Scheduler {
        long schedule(long delayMillis, Runnable task);

        void cancel(long id);

        long nowMillis();
    }

    private enum AgentState { IDLE, RINGING, TALKING, WRAP_UP, PAUSED }

    private final class Agent {
        final int index;
        final String name;
        final String location;
        AgentState state = AgentState.IDLE;
        String pausedReason = "";
        long lastPause;
        long lastCall;
        int callsTaken;
        Channel channel;

        Agent(int index) {
            this.index = index;
            this.name = TrafficProfile.agentName(index);
            this.location = TrafficProfile.agentInterface(index);
        }

        Member member(String queue) {
            boolean inCall = state == AgentState.TALKING;
            int status = switch (state) {
                case RINGING -> 6;
                case TALKING -> 2;
                default -> 1;
            };
            return new Member(queue, name, location, callsTaken, lastCall, lastPause, loginTime, inCall, status,
                    state == AgentState.PAUSED, pausedReason);
        }
    }

    private static final class Caller {
        final Channel channel;
        final GeneratedCall ledger;
        final long giveUpAt;
        String queue;
        long joinedAt;
        int originalPosition;
        int ringNoAnswers;
        Agent ringing;
        long ringStartedAt;
        final Set<Agent> tried = new HashSet<>();
        long patienceTimer = -1;
        long timeoutTimer = -1;

        Caller(Channel channel, GeneratedCall ledger, long giveUpAt) {
            this.channel = channel;
            this.ledger = ledger;
            this.giveUpAt = giveUpAt;
        }
    }

    private final TrafficProfile profile;
    private final Scheduler scheduler;
    private final Consumer<AmiMessage> out;
    private final int maxCalls;
    private final Runnable allCallsDone;
    private final QueueLogSink queueLog;
    private final Random random;
    private final AmiEventFactory events;
    private final long loginTime;
    private final List<Agent> agents = new ArrayList<>();
    private final Map<String, List<Caller>> waiting = new LinkedHashMap<>();
    private final Map<String, int[]> completedAndAbandoned = new LinkedHashMap<>();
    private final List<Caller> active = new ArrayList<>();
    private final List<GeneratedCall> finished = new ArrayList<>();
    private int arrivals;
    private int channelSeq;
    private boolean stopped;

    SimulatedCallCentre(TrafficProfile profile, Scheduler scheduler, Consumer<AmiMessage> out, int maxCalls,
                        Runnable allCallsDone) {
        this(profile, scheduler, out, maxCalls, allCallsDone, QueueLogSink.NONE);
    }

    SimulatedCallCentre(TrafficProfile profile, Scheduler scheduler, Consumer<AmiMessage> out, int maxCalls,
                        Runnable allCallsDone, QueueLogSink queueLog) {
        this.profile = profile;
        this.scheduler = scheduler;
        this.out = out;
        this.maxCalls = maxCalls;
        this.allCallsDone = allCallsDone;
        this.queueLog = queueLog;
        this.random = new Random(profile.seed());
        this.events = new AmiEventFactory(scheduler::nowMillis);
        this.loginTime = scheduler.nowMillis() / 1000;
        for (int i = 0; i < profile.agents(); i++) {
            agents.add(new Agent(i));
        }
        for (QueueSpec queue : profile.queues()) {
            waiting.put(queue.name(), new ArrayList<>());
            completedAndAbandoned.put(queue.name(), new int[2]);
        }
    }

    void start() {
        logQueue("NONE", "NONE", "NONE", "QUEUESTART", "");
        scheduleNextArrival();
    }

    void stop() {
        stopped = true;
    }

    List<GeneratedCall> finishedCalls() {
        synchronized (finished) {
            return List.copyOf(finished);
        }
    }

    /** The calls that have ended since the last take, forgotten here (a long run's ledger stays small). */
    List<GeneratedCall> takeFinishedCalls() {
        synchronized (finished) {
            List<GeneratedCall> taken = List.copyOf(finished);
            finished.clear();
            return taken;
        }
    }

    // --- callers ---------------------------------------------------------------------------

    private void scheduleNextArrival() {
        if (maxCalls > 0 && arrivals >= maxCalls) {
            return;
        }
        long gap = Math.round(-Math.log(1 - random.nextDouble()) / profile.callsPerSecond() * 1000);
        later(gap, this::arrive);
    }

    private void arrive() {
        arrivals++;
        int accountIndex = random.nextInt(Math.max(1, profile.accounts()));
        boolean withheld = random.nextDouble() < profile.withheldShare();
        String number = withheld ? "anonymous" : String.format("+1415555%04d", accountIndex % 10_000);
        String account = random.nextDouble() < profile.accountEntryShare() ? String.valueOf(10_000 + accountIndex) : null;
        String uniqueid = nextUniqueid();
        Channel channel = new Channel(String.format("PJSIP/trunk-%08x", channelSeq), uniqueid, uniqueid, number,
                withheld ? "anonymous" : "Caller " + accountIndex, "from-trunk", "800", 4);
        long patience = between(profile.patienceSeconds()) * 1000L;
        Caller caller = new Caller(channel, new GeneratedCall(uniqueid, channel.uniqueid(), number, account),
                scheduler.nowMillis() + between(profile.ivrSeconds()) * 1000L + patience);
        active.add(caller);
        out.accept(events.channelEvent("Newchannel", "call,all", channel));
        later(between(profile.ivrSeconds()) * 1000L, () -> leaveIvr(caller));
        scheduleNextArrival();
    }

    private void leaveIvr(Caller caller) {
        String account = caller.ledger.account();
        if (account != null) {
            out.accept(events.channelEvent("VarSet", "dialplan,all", caller.channel, "Variable", "__CC_ACCOUNT",
                    "Value", account));
            out.accept(events.channelEvent("UserEvent", "user,all", caller.channel, "UserEvent", "IvrAccount",
                    "Account", account, "Linkedid", caller.channel.linkedid()));
        }
        join(caller, pickQueue());
    }

    private void join(Caller caller, String queue) {
        List<Caller> line = waiting.get(queue);
        line.add(caller);
        caller.queue = queue;
        caller.joinedAt = scheduler.nowMillis();
        caller.originalPosition = line.size();
        caller.ringNoAnswers = 0;
        caller.tried.clear();
        out.accept(events.channelEvent("QueueCallerJoin", "agent,all", caller.channel, "Queue", queue,
                "Position", String.valueOf(line.size()), "Count", String.valueOf(line.size())));
        logQueue(caller.channel.uniqueid(), queue, "NONE", "ENTERQUEUE", "",
                Objects.toString(caller.channel.callerNumber(), ""), line.size());
        caller.patienceTimer = later(Math.max(0, caller.giveUpAt - scheduler.nowMillis()), () -> giveUp(caller));
        QueueSpec spec = spec(queue);
        if (spec.timeoutSeconds() > 0) {
            caller.timeoutTimer = later(spec.timeoutSeconds() * 1000L, () -> timeOut(caller, queue));
        }
        dispatch();
    }

    /** The caller hangs up while waiting. */
    private void giveUp(Caller caller) {
        if (caller.queue == null) {
            return;
        }
        String queue = caller.queue;
        long held = leaveQueue(caller, "ABANDON");
        completedAndAbandoned.get(queue)[1]++;
        caller.ledger.add(GeneratedCall.Leg.unanswered(queue, "abandoned", held, caller.ringNoAnswers));
        hangUpCaller(caller);
        dispatch();
    }

    /** The queue's timeout: Asterisk reports it as an abandon, then QUEUESTATUS=TIMEOUT. */
    private void timeOut(Caller caller, String queue) {
        if (!queue.equals(caller.queue)) {
            return;
        }
        long held = leaveQueue(caller, "EXITWITHTIMEOUT");
        completedAndAbandoned.get(queue)[1]++;
        caller.ledger.add(GeneratedCall.Leg.unanswered(queue, "timeout", held, caller.ringNoAnswers));
        out.accept(events.channelEvent("VarSet", "dialplan,all", caller.channel, "Variable", "QUEUESTATUS",
                "Value", "TIMEOUT"));
        String overflow = spec(queue).overflowTo();
        scheduler.cancel(caller.patienceTimer);
        if (overflow != null && waiting.containsKey(overflow)) {
            join(caller, overflow);
        } else {
            hangUpCaller(caller);
            dispatch();
        }
    }

    /**
     * Takes the caller off the waiting list with QueueCallerAbandon and QueueCallerLeave (Asterisk
     * reports a timeout as an abandon too), logged as {@code queueLogEvent}; whole seconds held.
     */
    private long leaveQueue(Caller caller, String queueLogEvent) {
        List<Caller> line = waiting.get(caller.queue);
        int position = line.indexOf(caller) + 1;
        line.remove(caller);
        long held = (scheduler.nowMillis() - caller.joinedAt) / 1000;
        scheduler.cancel(caller.timeoutTimer);
        if (caller.ringing != null) {
            Agent agent = caller.ringing;
            caller.ringing = null;
            logQueue(caller.channel.uniqueid(), caller.queue, agent.name, "RINGCANCELED",
                    scheduler.nowMillis() - caller.ringStartedAt);
            hangUpAgentChannel(agent);
            agent.state = AgentState.IDLE;
            memberStatus(agent);
        }
        out.accept(events.channelEvent("QueueCallerAbandon", "agent,all", caller.channel, "Queue", caller.queue,
                "Position", String.valueOf(position), "OriginalPosition", String.valueOf(caller.originalPosition),
                "HoldTime", String.valueOf(held)));
        logQueue(caller.channel.uniqueid(), caller.queue, "NONE", queueLogEvent, position, caller.originalPosition,
                held);
        out.accept(events.channelEvent("QueueCallerLeave", "agent,all", caller.channel, "Queue", caller.queue,
                "Position", String.valueOf(position), "Count", String.valueOf(line.size())));
        caller.queue = null;
        return held;
    }

    private void hangUpCaller(Caller caller) {
        scheduler.cancel(caller.patienceTimer);
        scheduler.cancel(caller.timeoutTimer);
        out.accept(events.channelEvent("Hangup", "call,all", caller.channel, "Cause", "16",
                "Cause-txt", "Normal Clearing"));
        active.remove(caller);
        synchronized (finished) {
            finished.add(caller.ledger);
        }
        if (maxCalls > 0 && arrivals >= maxCalls && active.isEmpty()) {
            allCallsDone.run();
        }
    }

    // --- agents ----------------------------------------------------------------------------

    /** Rings a free agent for each waiting caller not already ringing one, first come first served. */
    private void dispatch() {
        for (Map.Entry<String, List<Caller>> queue : waiting.entrySet()) {
            for (Caller caller : List.copyOf(queue.getValue())) {
                if (caller.ringing != null) {
                    continue;
                }
                Agent agent = freeAgent(queue.getKey(), caller);
                if (agent == null) {
                    break;
                }
                ring(caller, agent);
            }
        }
    }

    private Agent freeAgent(String queue, Caller caller) {
        Agent fallback = null;
        for (Agent agent : agents) {
            if (agent.state == AgentState.IDLE && profile.serves(agent.index, queue)) {
                if (!caller.tried.contains(agent)) {
                    return agent;
                }
                fallback = fallback == null ? agent : fallback;
            }
        }
        return fallback;
    }

    private void ring(Caller caller, Agent agent) {
        agent.state = AgentState.RINGING;
        agent.channel = new Channel(String.format("Local/%d@agents-%08x;1", 1001 + agent.index, channelSeq),
                nextUniqueid(), caller.channel.linkedid(), caller.channel.callerNumber(),
                caller.channel.callerName(), "agents", "800", 0);
        caller.ringing = agent;
        caller.ringStartedAt = scheduler.nowMillis();
        out.accept(events.channelEvent("Newchannel", "call,all", agent.channel));
        out.accept(events.agentEvent("AgentCalled", caller.channel, agent.channel, "Queue", caller.queue,
                "Interface", agent.location, "MemberName", agent.name));
        memberStatus(agent);
        long ringMillis = between(profile.ringSeconds()) * 1000L;
        String queue = caller.queue;
        later(ringMillis, () -> ringEnds(caller, agent, queue, ringMillis));
    }

    private void ringEnds(Caller caller, Agent agent, String queue, long ringMillis) {
        if (caller.ringing != agent || !queue.equals(caller.queue)) {
            return;
        }
        if (random.nextDouble() < profile.noAnswerShare()) {
            caller.ringing = null;
            caller.tried.add(agent);
            caller.ringNoAnswers++;
            out.accept(events.agentEvent("AgentRingNoAnswer", caller.channel, agent.channel, "Queue", queue,
                    "Interface", agent.location, "MemberName", agent.name, "RingTime", String.valueOf(ringMillis)));
            logQueue(caller.channel.uniqueid(), queue, agent.name, "RINGNOANSWER", ringMillis);
            hangUpAgentChannel(agent);
            agent.state = AgentState.IDLE;
            memberStatus(agent);
            dispatch();
            return;
        }
        answer(caller, agent, ringMillis);
    }

    private void answer(Caller caller, Agent agent, long ringMillis) {
        String queue = caller.queue;
        caller.ringing = null;
        List<Caller> line = waiting.get(queue);
        int position = line.indexOf(caller) + 1;
        line.remove(caller);
        caller.queue = null;
        scheduler.cancel(caller.patienceTimer);
        scheduler.cancel(caller.timeoutTimer);
        long held = (scheduler.nowMillis() - caller.joinedAt) / 1000;
        agent.state = AgentState.TALKING;
        out.accept(events.channelEvent("QueueCallerLeave", "agent,all", caller.channel, "Queue", queue,
                "Position", String.valueOf(position), "Count", String.valueOf(line.size())));
        out.accept(events.agentEvent("AgentConnect", caller.channel, agent.channel, "Queue", queue,
                "Interface", agent.location, "MemberName", agent.name, "HoldTime", String.valueOf(held),
                "RingTime", String.valueOf(ringMillis / 1000)));
        logQueue(caller.channel.uniqueid(), queue, agent.name, "CONNECT", held, agent.channel.uniqueid(),
                ringMillis / 1000);
        memberStatus(agent);
        long talk = between(profile.talkSeconds());
        Answered answered = new Answered(queue, held, caller.originalPosition, caller.ringNoAnswers);
        later(talk * 1000L, () -> complete(caller, agent, answered, talk));
        dispatch();
    }

    /** What the queue knew of a caller when an agent answered. */
    private record Answered(String queue, long held, int originalPosition, int ringNoAnswers) {
    }

    private void complete(Caller caller, Agent agent, Answered answered, long talk) {
        String queue = answered.queue();
        long held = answered.held();
        String reason = random.nextBoolean() ? "agent" : "caller";
        out.accept(events.agentEvent("AgentComplete", caller.channel, agent.channel, "Queue", queue,
                "Interface", agent.location, "MemberName", agent.name, "HoldTime", String.valueOf(held),
                "TalkTime", String.valueOf(talk), "Reason", reason));
        logQueue(caller.channel.uniqueid(), queue, agent.name,
                reason.equals("agent") ? "COMPLETEAGENT" : "COMPLETECALLER", held, talk, answered.originalPosition());
        hangUpAgentChannel(agent);
        agent.callsTaken++;
        agent.lastCall = scheduler.nowMillis() / 1000;
        agent.state = AgentState.WRAP_UP;
        memberStatus(agent);
        completedAndAbandoned.get(queue)[0]++;
        caller.ledger.add(new GeneratedCall.Leg(queue, "answered", held, agent.name, talk, reason,
                answered.ringNoAnswers()));
        hangUpCaller(caller);
        later(profile.wrapUpSeconds() * 1000L, () -> afterWrapUp(agent));
    }

    private void afterWrapUp(Agent agent) {
        if (random.nextDouble() < profile.pauseShare()) {
            setPaused(agent, true, TrafficProfile.PAUSE_REASONS.get(random.nextInt(TrafficProfile.PAUSE_REASONS.size())));
            later(between(profile.pauseSeconds()) * 1000L, () -> setPaused(agent, false, ""));
        } else {
            agent.state = AgentState.IDLE;
            dispatch();
        }
    }

    private void setPaused(Agent agent, boolean paused, String reason) {
        agent.state = paused ? AgentState.PAUSED : AgentState.IDLE;
        agent.pausedReason = reason;
        agent.lastPause = paused ? scheduler.nowMillis() / 1000 : agent.lastPause;
        for (QueueSpec queue : profile.queues()) {
            if (profile.serves(agent.index, queue.name())) {
                out.accept(events.memberEvent("QueueMemberPause", agent.member(queue.name())));
                logQueue("NONE", queue.name(), agent.name, paused ? "PAUSE" : "UNPAUSE", reason);
            }
        }
        if (!paused) {
            dispatch();
        }
    }

    private void memberStatus(Agent agent) {
        for (QueueSpec queue : profile.queues()) {
            if (profile.serves(agent.index, queue.name())) {
                out.accept(events.memberEvent("QueueMemberStatus", agent.member(queue.name())));
            }
        }
    }

    private void hangUpAgentChannel(Agent agent) {
        if (agent.channel != null) {
            out.accept(events.channelEvent("Hangup", "call,all", agent.channel, "Cause", "16",
                    "Cause-txt", "Normal Clearing"));
            agent.channel = null;
        }
    }

    // --- what QueueStatus, QueueSummary and CoreShowChannels report --------------------------

    List<AmiMessage> snapshot(String action) {
        List<AmiMessage> list = new ArrayList<>();
        long now = scheduler.nowMillis();
        switch (action) {
            case "QueueStatus" -> {
                for (QueueSpec queue : profile.queues()) {
                    int[] counts = completedAndAbandoned.get(queue.name());
                    list.add(AmiMessage.of("Event", "QueueParams", "Queue", queue.name(), "Max", "0",
                            "Strategy", "rrmemory", "Calls", String.valueOf(waiting.get(queue.name()).size()),
                            "Holdtime", "0", "TalkTime", "0", "Completed", String.valueOf(counts[0]),
                            "Abandoned", String.valueOf(counts[1]),
                            "ServiceLevel", String.valueOf(queue.serviceLevelSeconds()),
                            "ServicelevelPerf", "0.0", "ServicelevelPerf2", "0.0", "Weight", "0"));
                    agents.stream().filter(a -> profile.serves(a.index, queue.name()))
                            .forEach(a -> list.add(AmiEventFactory.queueMember(a.member(queue.name()))));
                    List<Caller> line = waiting.get(queue.name());
                    for (int i = 0; i < line.size(); i++) {
                        Caller c = line.get(i);
                        list.add(AmiEventFactory.queueEntry(queue.name(), i + 1, c.channel, (now - c.joinedAt) / 1000));
                    }
                }
            }
            case "QueueSummary" -> {
                for (QueueSpec queue : profile.queues()) {
                    long members = agents.stream().filter(a -> profile.serves(a.index, queue.name())).count();
                    long available = agents.stream()
                            .filter(a -> profile.serves(a.index, queue.name()) && a.state == AgentState.IDLE).count();
                    List<Caller> line = waiting.get(queue.name());
                    long longest = line.isEmpty() ? 0 : (now - line.get(0).joinedAt) / 1000;
                    list.add(AmiMessage.of("Event", "QueueSummary", "Queue", queue.name(),
                            "LoggedIn", String.valueOf(members), "Available", String.valueOf(available),
                            "Callers", String.valueOf(line.size()), "HoldTime", "0", "TalkTime", "0",
                            "LongestHoldTime", String.valueOf(longest)));
                }
            }
            default -> {
                for (Caller c : active) {
                    list.add(AmiEventFactory.coreShowChannel(c.channel, c.queue == null ? "AppDial" : "Queue",
                            c.queue == null ? "" : c.queue, 0));
                }
                for (Agent a : agents) {
                    if (a.channel != null) {
                        list.add(AmiEventFactory.coreShowChannel(a.channel, "AppQueue", "", 0));
                    }
                }
            }
        }
        return list;
    }

    // --- helpers ---------------------------------------------------------------------------

    /** One queue_log line, as Asterisk's logger writes it: {@code time|callid|queue|agent|event|data...}. */
    private void logQueue(String callId, String queue, String agent, String event, Object... data) {
        StringBuilder line = new StringBuilder().append(scheduler.nowMillis() / 1000).append('|').append(callId)
                .append('|').append(queue).append('|').append(agent).append('|').append(event);
        for (Object field : data) {
            line.append('|').append(field);
        }
        queueLog.append(line.toString());
    }

    private String pickQueue() {
        double r = random.nextDouble() * profile.queues().stream().mapToDouble(QueueSpec::share).sum();
        for (QueueSpec queue : profile.queues()) {
            r -= queue.share();
            if (r < 0) {
                return queue.name();
            }
        }
        return profile.queues().get(0).name();
    }

    private QueueSpec spec(String queue) {
        return profile.queues().stream().filter(q -> q.name().equals(queue)).findFirst().orElseThrow();
    }

    private int between(int[] range) {
        return range[0] + (range[1] > range[0] ? random.nextInt(range[1] - range[0] + 1) : 0);
    }

    private String nextUniqueid() {
        return (scheduler.nowMillis() / 1000) + "." + channelSeq++;
    }

    private long later(long delayMillis, Runnable task) {
        return scheduler.schedule(Math.max(1, delayMillis), () -> {
            if (!stopped) {
                task.run();
            }
        });
    }
}
