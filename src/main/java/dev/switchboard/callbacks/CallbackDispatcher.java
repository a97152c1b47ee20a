package dev.switchboard.callbacks;

import dev.switchboard.config.CallbacksConfig;
import dev.switchboard.queues.QueuesAddresses;
import dev.switchboard.telephony.OriginateRequest;
import dev.switchboard.telephony.TelephonyAddresses;
import dev.switchboard.telephony.TelephonyEvent;
import dev.switchboard.telephony.TelephonyEvent.OriginateResult;
import dev.switchboard.telephony.TelephonyListener;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Places the callbacks callers asked for. Every second: for each queue with a callback due, if
 * one of its agents is ready and no caller still waiting in the queue started waiting before the
 * callback's caller did (the callback keeps its place, no more), the oldest callback is placed
 * with an AMI Originate — the agent's phone first, then, once the agent answers, the dialplan's
 * callback context dials the customer. An agent who does not answer puts the callback back, at
 * its place, for the next agent; the customer's answer (or not) comes back through the IVR's
 * {@code callback-result} script.
 */
public final class CallbackDispatcher extends VerticleBase implements TelephonyListener {

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);
    static final String ACTION_PREFIX = "switchboard-callback-";
    /** A callback 'calling' for longer than this was lost (a restart mid-call): it waits again. */
    private static final Duration STALE = Duration.ofHours(2);
    /** After answering, an agent is left alone this long: Asterisk reports them in use by then. */
    private static final Duration AFTER_ANSWER = Duration.ofSeconds(5);

    private record InFlight(long callbackId, String agentInterface, long timer) {
    }

    private final CallbackQueue callbacks;
    private final CallbacksConfig config;
    private final Clock clock;
    private final Map<String, InFlight> inFlight = new HashMap<>();
    /** Agents just given a callback, until their state shows it (or the time runs out). */
    private final Map<String, Instant> reserved = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private boolean dispatching;

    public CallbackDispatcher(CallbackQueue callbacks, CallbacksConfig config, Clock clock) {
        this.callbacks = callbacks;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(1_000, id -> dispatch());
        return callbacks.releaseStale(STALE).onSuccess(n -> {
            if (n > 0) {
                log.info("{} callback(s) left calling by an earlier run wait again", n);
            }
        });
    }

    /** Called on the telephony context; the bookkeeping lives on this verticle's. */
    @Override
    public void onTelephonyEvent(TelephonyEvent event) {
        if (event instanceof OriginateResult result && result.actionId().startsWith(ACTION_PREFIX)) {
            context.runOnContext(v -> originated(result));
        }
    }

    private void dispatch() {
        if (dispatching) {
            return;
        }
        dispatching = true;
        Instant now = clock.instant();
        reserved.values().removeIf(until -> until.isBefore(now));
        callbacks.due().compose(due -> due.isEmpty() ? Future.succeededFuture()
                        : vertx.eventBus().<JsonArray>request(QueuesAddresses.LIVE, null)
                        .compose(reply -> placeEach(firstPerQueue(due), reply.body())))
                .onFailure(e -> log.warn("Callbacks not placed this round: {}", e.getMessage()))
                .onComplete(v -> dispatching = false);
    }

    private Future<Void> placeEach(List<CallbackQueue.Due> candidates, JsonArray liveQueues) {
        Map<String, JsonObject> byName = new HashMap<>();
        liveQueues.forEach(q -> byName.put(((JsonObject) q).getString("name"), (JsonObject) q));
        Future<Void> chain = Future.succeededFuture();
        for (CallbackQueue.Due callback : candidates) {
            JsonObject queue = byName.get(callback.queue());
            if (queue == null || someoneWaitingLonger(queue, callback)) {
                continue;
            }
            Optional<String> agent = readyAgent(queue);
            if (agent.isEmpty()) {
                continue;
            }
            reserved.put(agent.get(), clock.instant().plus(config.agentRing()).plusSeconds(30));
            chain = chain.compose(v -> place(callback, agent.get()));
        }
        return chain;
    }

    /** A caller still in the queue who began waiting before the callback's caller goes first. */
    private boolean someoneWaitingLonger(JsonObject queue, CallbackQueue.Due callback) {
        long callbackWait = Duration.between(callback.requestedAt(), clock.instant()).toSeconds();
        return queue.getJsonArray("callers", new JsonArray()).stream()
                .map(c -> ((JsonObject) c).getLong("waitSeconds", 0L))
                .anyMatch(wait -> wait > callbackWait);
    }

    /** The ready agent of the queue who has been ready longest, not already given a callback. */
    private Optional<String> readyAgent(JsonObject queue) {
        return queue.getJsonArray("agentList", new JsonArray()).stream()
                .map(a -> (JsonObject) a)
                .filter(a -> "ready".equals(a.getString("state")) && !reserved.containsKey(a.getString("interface")))
                .max(Comparator.comparingLong(a -> a.getLong("secondsInState", 0L)))
                .map(a -> a.getString("interface"));
    }

    private Future<Void> place(CallbackQueue.Due callback, String agentInterface) {
        String actionId = ACTION_PREFIX + callback.id() + "-" + sequence.incrementAndGet();
        return callbacks.claim(callback.id(), agentInterface, actionId).compose(claimed -> {
            if (!claimed) {
                reserved.remove(agentInterface);
                return Future.succeededFuture();
            }
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("CC_CALLBACK_ID", String.valueOf(callback.id()));
            variables.put("CC_CALLBACK_NUMBER", callback.phone());
            if (callback.accountNumber() != null) {
                variables.put("__CC_ACCOUNT", callback.accountNumber());
            }
            OriginateRequest request = new OriginateRequest(actionId, agentInterface, config.context(), "s",
                    config.agentRing(), "\"Callback\" <" + callback.phone() + ">", variables);
            long timer = vertx.setTimer(config.agentRing().plusSeconds(30).toMillis(), id -> {
                if (inFlight.remove(actionId) != null) {
                    log.warn("No answer from Asterisk about callback {} on {}: it waits again", callback.id(),
                            agentInterface);
                    callbacks.release(actionId);
                }
            });
            inFlight.put(actionId, new InFlight(callback.id(), agentInterface, timer));
            log.info("Placing callback {} ({} waiting since {}) through {}", callback.id(), callback.queue(),
                    callback.requestedAt(), agentInterface);
            return vertx.eventBus().request(TelephonyAddresses.ORIGINATE, request.toJson()).<Void>mapEmpty()
                    .recover(e -> {
                        InFlight lost = inFlight.remove(actionId);
                        if (lost != null) {
                            vertx.cancelTimer(lost.timer());
                        }
                        log.warn("Asterisk did not take callback {}: {}", callback.id(), e.getMessage());
                        return callbacks.release(actionId);
                    });
        });
    }

    /** Asterisk's word on the agent's phone: answered (the customer is being dialled) or not. */
    private void originated(OriginateResult result) {
        InFlight flight = inFlight.remove(result.actionId());
        if (flight == null) {
            return;
        }
        vertx.cancelTimer(flight.timer());
        // an agent who did not answer is not rung again for a ring's length; others may be
        reserved.put(flight.agentInterface(), clock.instant().plus(result.answered() ? AFTER_ANSWER : config.agentRing()));
        if (result.answered()) {
            log.info("Callback {}: {} answered, dialling the customer", flight.callbackId(), flight.agentInterface());
            return;
        }
        log.info("Callback {}: {} did not answer (reason {}), it waits for the next agent", flight.callbackId(),
                flight.agentInterface(), result.reason());
        callbacks.release(result.actionId()).onFailure(e ->
                log.warn("Callback {} not put back: {}", flight.callbackId(), e.getMessage()));
    }

    /** The oldest due callback of each queue, oldest first. */
    private static List<CallbackQueue.Due> firstPerQueue(List<CallbackQueue.Due> due) {
        Set<String> seen = new HashSet<>();
        return due.stream().filter(d -> seen.add(d.queue())).toList();
    }
}
