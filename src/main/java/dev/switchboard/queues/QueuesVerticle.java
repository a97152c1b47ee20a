package dev.switchboard.queues;

import dev.switchboard.calls.JourneyRecord;
import dev.switchboard.calls.LegRecord;
import dev.switchboard.telephony.TelephonyEvent;
import dev.switchboard.telephony.TelephonyEvent.CallerAbandoned;
import dev.switchboard.telephony.TelephonyEvent.ChannelHungUp;
import dev.switchboard.telephony.TelephonyEvent.QueueJoined;
import dev.switchboard.telephony.TelephonyEvent.VariableSet;
import dev.switchboard.telephony.TelephonyListener;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the {@link LiveQueueBoard} on its own context and tells the wallboard what changes:
 * queue state, a breach alert the moment a waiting caller's wait reaches the queue's answer
 * target (a timer per caller, not the next AMI event) and its clearing, each abandoned or
 * timed-out caller, and today's figures after calls are stored. Deltas are published on
 * {@link QueuesAddresses#DELTAS} as JSON text; {@link QueuesAddresses#LIVE} answers with the live
 * view. A queue's state goes out at most every {@value #QUEUE_DELTA_MILLIS} ms, its figures at
 * most every second; alerts, abandons and time-outs at once. A heartbeat goes out every
 * {@value #HEARTBEAT_MILLIS} ms, so that a wallboard can tell a quiet call centre from a feed
 * that stopped.
 */
public final class QueuesVerticle extends VerticleBase implements TelephonyListener {

    /** How long an abandon waits for Asterisk's QUEUESTATUS=TIMEOUT before it is reported as one. */
    private static final long ABANDON_CONFIRM_MILLIS = 1_000;
    static final long QUEUE_DELTA_MILLIS = 100;
    static final long FIGURES_DELTA_MILLIS = 1_000;
    static final long HEARTBEAT_MILLIS = 1_000;

    private record PendingAbandon(CallerAbandoned event, String callerNumber, long timer) {
    }

    private final LiveQueueBoard board;
    private final QueueFiguresService figures;
    private final Clock clock;
    private final Map<String, Long> breachTimers = new HashMap<>();
    private final Map<String, PendingAbandon> pendingAbandons = new HashMap<>();
    private final Map<String, String> callerNumbers = new HashMap<>();
    private final Set<String> changedQueues = new LinkedHashSet<>();
    private final Set<String> figuresDue = new TreeSet<>();

    public QueuesVerticle(LiveQueueBoard board, QueueFiguresService figures, Clock clock) {
        this.board = board;
        this.figures = figures;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        vertx.eventBus().<Void>consumer(QueuesAddresses.LIVE, message -> message.reply(liveView()));
        vertx.setPeriodic(1_000, id -> board.tick().forEach(this::publishQueue));
        vertx.setPeriodic(HEARTBEAT_MILLIS, id -> publishHeartbeat());
        return Future.succeededFuture();
    }

    /** Called on the telephony context; the board lives on this verticle's. */
    @Override
    public void onTelephonyEvent(TelephonyEvent event) {
        context.runOnContext(v -> apply(event));
    }

    /** After the recorder stored journeys: today's figures of the queues they touched. */
    public void journeysStored(List<JourneyRecord> journeys) {
        Set<String> queues = new TreeSet<>();
        for (JourneyRecord journey : journeys) {
            for (LegRecord leg : journey.legs()) {
                if (leg.outcome() != null) {
                    queues.add(leg.queue());
                }
            }
        }
        if (!queues.isEmpty()) {
            context.runOnContext(v -> publishFigures(queues));
        }
    }

    private void apply(TelephonyEvent event) {
        LiveQueueBoard.Changes changes = board.apply(event);
        changes.joined().forEach(this::startTargetClock);
        changes.left().forEach(this::stopTargetClock);
        changes.queues().forEach(this::publishQueue);
        if (event instanceof QueueJoined e) {
            if (e.callerNumber() != null) {
                callerNumbers.put(e.uniqueid(), e.callerNumber());
            }
            confirmAbandon(e.uniqueid());
        } else if (event instanceof CallerAbandoned e) {
            long timer = vertx.setTimer(ABANDON_CONFIRM_MILLIS, id -> confirmAbandon(e.uniqueid()));
            pendingAbandons.put(e.uniqueid(), new PendingAbandon(e, callerNumbers.get(e.uniqueid()), timer));
        } else if (event instanceof VariableSet e && e.variable().equals("QUEUESTATUS")
                && e.value().equals("TIMEOUT")) {
            PendingAbandon pending = pendingAbandons.remove(e.uniqueid());
            if (pending != null) {
                vertx.cancelTimer(pending.timer());
                publishLeft("timeout", pending);
            }
        } else if (event instanceof ChannelHungUp e) {
            confirmAbandon(e.uniqueid());
            callerNumbers.remove(e.uniqueid());
        }
    }

    /** The answer-target clock of one waiting caller: fires the moment the wait reaches T. */
    private void startTargetClock(LiveQueueBoard.Caller caller) {
        AnswerTarget target = figures.target(caller.queue());
        long waited = Duration.between(caller.since(), clock.instant()).toMillis();
        long delay = Math.max(1, target.answerSeconds() * 1000L - waited);
        long timer = vertx.setTimer(delay, id -> {
            breachTimers.remove(key(caller));
            if (board.breach(caller)) {
                publish(new JsonObject().put("type", "breach").put("state", "raised").put("queue", caller.queue())
                        .put("uniqueid", caller.uniqueid()).put("callerNumber", caller.callerNumber())
                        .put("account", caller.account())
                        .put("waitSeconds", Duration.between(caller.since(), clock.instant()).toSeconds())
                        .put("targetSeconds", target.answerSeconds()).put("at", clock.instant().toString()));
                publishQueue(caller.queue());
            }
        });
        breachTimers.put(key(caller), timer);
    }

    private void stopTargetClock(LiveQueueBoard.Caller caller) {
        Long timer = breachTimers.remove(key(caller));
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        if (caller.breached()) {
            publish(new JsonObject().put("type", "breach").put("state", "cleared").put("queue", caller.queue())
                    .put("uniqueid", caller.uniqueid()).put("callerNumber", caller.callerNumber())
                    .put("waitSeconds", Duration.between(caller.since(), clock.instant()).toSeconds())
                    .put("at", clock.instant().toString()));
        }
    }

    private void confirmAbandon(String uniqueid) {
        PendingAbandon pending = pendingAbandons.remove(uniqueid);
        if (pending != null) {
            vertx.cancelTimer(pending.timer());
            publishLeft("abandoned", pending);
        }
    }

    private void publishLeft(String type, PendingAbandon pending) {
        publish(new JsonObject().put("type", type).put("queue", pending.event().queue())
                .put("uniqueid", pending.event().uniqueid()).put("linkedid", pending.event().linkedid())
                .put("callerNumber", pending.callerNumber()).put("waitSeconds", pending.event().holdSeconds())
                .put("position", pending.event().position()).put("at", pending.event().at().toString()));
    }

    /**
     * A queue changed: its state goes out within {@value #QUEUE_DELTA_MILLIS} ms, once for all the
     * changes in that time (at 100 calls a second a queue changes hundreds of times a second, and
     * each delta carries every agent and caller of the queue).
     */
    private void publishQueue(String queue) {
        if (changedQueues.add(queue) && changedQueues.size() == 1) {
            vertx.setTimer(QUEUE_DELTA_MILLIS, id -> {
                List<String> queues = List.copyOf(changedQueues);
                changedQueues.clear();
                queues.forEach(name -> board.view(name).ifPresent(view ->
                        publish(new JsonObject().put("type", "queue").put("queue", QueueJson.live(view)))));
            });
        }
    }

    /** Today's figures of the queues whose calls were stored, at most once a second (each is a query). */
    private void publishFigures(Set<String> queues) {
        boolean idle = figuresDue.isEmpty();
        figuresDue.addAll(queues);
        if (idle) {
            vertx.setTimer(FIGURES_DELTA_MILLIS, id -> {
                Set<String> due = new TreeSet<>(figuresDue);
                figuresDue.clear();
                publishFiguresNow(due);
            });
        }
    }

    private void publishFiguresNow(Set<String> queues) {
        figures.figures(FiguresPeriod.TODAY).onSuccess(today -> queues.forEach(queue -> {
            QueueFigures f = today.get(queue);
            if (f != null) {
                publish(new JsonObject().put("type", "figures").put("queue", queue).put("period", "today")
                        .put("figures", QueueJson.figures(f)));
            }
        }));
    }

    /** Sent from the queues' own context: it arriving says the live state is being kept, as of {@code at}. */
    private void publishHeartbeat() {
        publish(new JsonObject().put("type", "heartbeat").put("at", clock.instant().toString()));
    }

    private JsonArray liveView() {
        JsonArray queues = new JsonArray();
        board.queueNames().forEach(name -> board.view(name).ifPresent(view -> queues.add(QueueJson.live(view))));
        return queues;
    }

    /** Encoded once here: every wallboard socket gets the same text, with no copy per consumer. */
    private void publish(JsonObject delta) {
        vertx.eventBus().publish(QueuesAddresses.DELTAS, delta.encode());
    }

    private static String key(LiveQueueBoard.Caller caller) {
        return caller.queue() + "\u0000" + caller.uniqueid();
    }
}
