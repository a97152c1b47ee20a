package dev.switchboard.screenpop;

import dev.switchboard.cases.CaseChanges;
import dev.switchboard.queues.AnswerTargets;
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
import dev.switchboard.telephony.TelephonyEvent.VariableSet;
import dev.switchboard.telephony.TelephonyListener;
import dev.switchboard.telephony.RateLimitedLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Screen pops. When a queue rings an agent's phone (AgentCalled) the caller's account is looked
 * up and pushed to that agent's sockets only; the answer (AgentConnect) makes it the active call;
 * no answer, an answer elsewhere or the caller leaving withdraws it; AgentComplete ends it. While
 * the agent's page shows a pop (during the call and after it ended) a change to a case of its
 * account sends the pop again, read afresh ("pop-updated"). Runs
 * on its own context; lookups are asynchronous, and a ring that ended meanwhile is never popped.
 */
public final class ScreenPopVerticle extends VerticleBase implements TelephonyListener {

    private static final Logger log = LoggerFactory.getLogger(ScreenPopVerticle.class);
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{4,12}");

    private enum RingState { RINGING, ACTIVE, GONE }

    /** One ring of one agent's phone for one caller, and the pop it produced. */
    private static final class Ring {
        final String popId = UUID.randomUUID().toString();
        final String memberInterface;
        final String uniqueid;
        final String linkedid;
        RingState state = RingState.RINGING;
        /** Ended by the call ending (not withdrawn): the agent's page still shows it. */
        boolean ended;
        /** Refreshes asked for; only the latest one's answer is sent, so an older one never wins. */
        int refreshes;
        Long agentId;
        JsonObject pop;

        Ring(String memberInterface, String uniqueid, String linkedid) {
            this.memberInterface = memberInterface;
            this.uniqueid = uniqueid;
            this.linkedid = linkedid;
        }
    }

    private final AgentDirectory agents;
    private final PopResolver resolver;
    private final AnswerTargets targets;
    private final Clock clock;
    private final RateLimitedLog unmappedLog = new RateLimitedLog(log, 60_000);
    private final Map<String, Caller> callers = new HashMap<>();
    private final Map<String, Instant> joinedAt = new HashMap<>();
    private final Map<String, Ring> rings = new HashMap<>();
    private final Map<Long, Ring> currentByAgent = new HashMap<>();
    /** The pop each agent's page shows: the current one, or the last one whose call ended; one per agent. */
    private final Map<Long, Ring> shownByAgent = new HashMap<>();

    public ScreenPopVerticle(AgentDirectory agents, PopResolver resolver, AnswerTargets targets, Clock clock) {
        this.agents = agents;
        this.resolver = resolver;
        this.targets = targets;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        vertx.eventBus().<Long>consumer(ScreenPopAddresses.CURRENT, message -> {
            Ring ring = currentByAgent.get(message.body());
            message.reply(ring == null || ring.pop == null ? null : popMessage(ring));
        });
        vertx.eventBus().<JsonObject>consumer(CaseChanges.ADDRESS, message -> caseChanged(message.body().getLong("caseId")));
        return Future.succeededFuture();
    }

    /** How many callers, queue joins and rings it holds in memory; counted on its context, after what came before. */
    Future<Integer> held() {
        Promise<Integer> held = Promise.promise();
        context.runOnContext(v -> held.complete(callers.size() + joinedAt.size() + rings.size()));
        return held.future();
    }

    @Override
    public void onTelephonyEvent(TelephonyEvent event) {
        context.runOnContext(v -> apply(event));
    }

    private void apply(TelephonyEvent event) {
        if (event instanceof ChannelCreated e && e.startsCall()) {
            callers.put(e.linkedid(), new Caller(e.callerNumber(), e.callerName(), null));
        } else if (event instanceof CallerIdChanged e && e.uniqueid().equals(e.linkedid())) {
            callers.computeIfPresent(e.linkedid(), (k, c) -> c.withNumber(e.callerNumber(), e.callerName()));
        } else if (event instanceof VariableSet e && e.variable().equals("CC_ACCOUNT")) {
            ivrAccount(e.linkedid(), e.value());
        } else if (event instanceof IvrAccountEntered e) {
            ivrAccount(e.linkedid(), e.account());
        } else if (event instanceof QueueJoined e) {
            Caller known = callers.getOrDefault(e.linkedid(), new Caller(null, null, null));
            callers.put(e.linkedid(), e.callerNumber() == null ? known : known.withNumber(e.callerNumber(), e.callerName()));
            joinedAt.put(e.uniqueid(), clock.instant());
        } else if (event instanceof AgentRinging e) {
            ringing(e);
        } else if (event instanceof AgentNotAnswering e) {
            end(rings.remove(key(e.agentInterface(), e.uniqueid())), "withdrawn", "no-answer");
        } else if (event instanceof AgentAnswered e) {
            answered(e);
        } else if (event instanceof CallerAbandoned e) {
            ringsFor(e.uniqueid()).forEach(ring -> end(rings.remove(key(ring.memberInterface, ring.uniqueid)),
                    "withdrawn", "caller-left"));
        } else if (event instanceof AgentCompleted e) {
            rings.values().stream()
                    .filter(r -> r.state == RingState.ACTIVE && r.memberInterface.equals(e.agentInterface())
                            && (e.uniqueid() == null || e.uniqueid().equals(r.uniqueid)))
                    .findFirst()
                    .ifPresent(r -> end(rings.remove(key(r.memberInterface, r.uniqueid)), "ended", "call-ended"));
        } else if (event instanceof ChannelHungUp e && e.endsCall()) {
            callers.remove(e.linkedid());
            joinedAt.remove(e.uniqueid());
            // whatever was missed (an AgentComplete without fields, a transfer), the call is over
            rings.values().stream().filter(r -> r.linkedid.equals(e.linkedid())).toList()
                    .forEach(r -> end(rings.remove(key(r.memberInterface, r.uniqueid)), "ended", "call-ended"));
        } else if (event instanceof ChannelHungUp e) {
            joinedAt.remove(e.uniqueid());
        }
    }

    private void ivrAccount(String linkedid, String account) {
        if (account != null && ACCOUNT.matcher(account).matches()) {
            callers.compute(linkedid, (k, c) -> (c == null ? new Caller(null, null, null) : c).withIvrAccount(account));
        }
    }

    private void ringing(AgentRinging e) {
        Ring ring = new Ring(e.agentInterface(), e.uniqueid(), e.linkedid());
        rings.put(key(e.agentInterface(), e.uniqueid()), ring);
        Caller caller = callers.getOrDefault(e.linkedid(), new Caller(null, null, null));
        Instant now = clock.instant();
        long waited = Duration.between(joinedAt.getOrDefault(e.uniqueid(), now), now).toSeconds();
        int target = targets.of(e.queue()).answerSeconds();
        JsonObject pop = new JsonObject().put("popId", ring.popId).put("linkedid", e.linkedid())
                .put("uniqueid", e.uniqueid()).put("queue", e.queue()).put("agentInterface", e.agentInterface())
                .put("waitedSeconds", waited).put("targetSeconds", target).put("breached", waited >= target)
                .put("ringingAt", now.toString());
        agents.agentRung(e.agentInterface(), e.memberName())
                .compose(agent -> {
                    if (agent.isEmpty()) {
                        unmappedLog.warn("No agent has the phone {} ({}); add it to the agent's interfaces to get pops",
                                e.agentInterface(), e.memberName());
                        return Future.succeededFuture();
                    }
                    ring.agentId = agent.get();
                    return resolver.resolve(pop, caller, e.linkedid()).map(resolved -> {
                        ring.pop = resolved;
                        return null;
                    });
                })
                .onComplete(done -> {
                    if (done.failed()) {
                        log.warn("Screen pop for {} on {} failed: {}", e.linkedid(), e.agentInterface(),
                                done.cause().getMessage());
                    } else if (ring.agentId != null && ring.state != RingState.GONE) {
                        show(ring);
                    }
                });
    }

    private void answered(AgentAnswered e) {
        for (Ring other : ringsFor(e.uniqueid())) {
            if (!other.memberInterface.equals(e.agentInterface())) {
                end(rings.remove(key(other.memberInterface, other.uniqueid)), "withdrawn", "answered-elsewhere");
            }
        }
        Ring ring = rings.get(key(e.agentInterface(), e.uniqueid()));
        if (ring != null) {
            ring.state = RingState.ACTIVE;
            if (ring.pop != null) {
                show(ring);
            }
        }
    }

    /** Sends the ring's pop, in its current state, to its agent; it becomes the agent's current pop. */
    private void show(Ring ring) {
        shownByAgent.put(ring.agentId, ring);
        Ring previous = currentByAgent.put(ring.agentId, ring);
        if (previous != null && previous != ring && previous.state != RingState.GONE) {
            publish(previous.agentId, new JsonObject().put("type", "withdrawn").put("popId", previous.popId)
                    .put("reason", "replaced"));
        }
        publish(ring.agentId, popMessage(ring));
    }

    private void end(Ring ring, String type, String reason) {
        if (ring == null) {
            return;
        }
        ring.state = RingState.GONE;
        ring.ended = type.equals("ended");
        if (ring.agentId != null && !ring.ended) {
            shownByAgent.remove(ring.agentId, ring);
        }
        if (ring.agentId != null && currentByAgent.get(ring.agentId) == ring) {
            currentByAgent.remove(ring.agentId);
            publish(ring.agentId, new JsonObject().put("type", type).put("popId", ring.popId).put("reason", reason));
        }
    }

    /**
     * A case, or something on it, changed: every pop showing the case's account is read again and
     * sent to its agent as "pop-updated" (same popId), so the open cases and the next visit it
     * shows are never stale. Only agents already shown that account get it.
     */
    private void caseChanged(long caseId) {
        if (shownByAgent.values().stream().noneMatch(ScreenPopVerticle::showsAccount)) {
            return;
        }
        resolver.accountOfCase(caseId)
                .onSuccess(account -> account.ifPresent(id -> List.copyOf(shownByAgent.values()).stream()
                        .filter(ring -> showsAccount(ring) && accountOf(ring) == id)
                        .forEach(this::refresh)))
                .onFailure(e -> log.warn("Cannot tell whose pops case {} concerns: {}", caseId, e.getMessage()));
    }

    private void refresh(Ring ring) {
        int refresh = ++ring.refreshes;
        resolver.refreshed(ring.pop).onSuccess(fresh -> {
            if (refresh != ring.refreshes || shownByAgent.get(ring.agentId) != ring) {
                return;
            }
            ring.pop = fresh;
            publish(ring.agentId, new JsonObject().put("type", "pop-updated").put("state", stateOf(ring))
                    .put("pop", fresh));
        }).onFailure(e -> log.warn("Cannot refresh the pop {}: {}", ring.popId, e.getMessage()));
    }

    private static boolean showsAccount(Ring ring) {
        return ring.pop != null && ring.pop.getJsonObject("account") != null;
    }

    private static long accountOf(Ring ring) {
        return ring.pop.getJsonObject("account").getLong("id");
    }

    private static String stateOf(Ring ring) {
        return ring.ended ? "ended" : ring.state == RingState.ACTIVE ? "active" : "ringing";
    }

    private List<Ring> ringsFor(String uniqueid) {
        return rings.values().stream().filter(r -> r.uniqueid.equals(uniqueid)).toList();
    }

    private static JsonObject popMessage(Ring ring) {
        return new JsonObject().put("type", "pop").put("state", ring.state == RingState.ACTIVE ? "active" : "ringing")
                .put("pop", ring.pop);
    }

    private void publish(long agentId, JsonObject message) {
        vertx.eventBus().publish(ScreenPopAddresses.agent(agentId), message);
    }

    private static String key(String memberInterface, String uniqueid) {
        return memberInterface + "\u0000" + uniqueid;
    }
}
