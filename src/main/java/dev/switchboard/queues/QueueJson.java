package dev.switchboard.queues;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/** The JSON shapes of queues, as /api/queues and the wallboard feed send them. */
final class QueueJson {

    private QueueJson() {
    }

    static JsonObject live(LiveQueue q) {
        JsonObject agents = new JsonObject().put("loggedIn", q.agents().size());
        for (Map.Entry<AgentStatus, Long> e : q.agentsByStatus().entrySet()) {
            agents.put(camel(e.getKey()), e.getValue());
        }
        JsonArray agentList = new JsonArray();
        q.agents().forEach(a -> agentList.add(new JsonObject()
                .put("name", a.name())
                .put("interface", a.memberInterface())
                .put("state", a.status().code())
                .put("secondsInState", a.secondsInStatus())
                .put("pausedReason", a.pausedReason())
                .put("pausedSeconds", a.pausedSeconds())));
        JsonArray callers = new JsonArray();
        q.waiting().forEach(c -> callers.add(new JsonObject()
                .put("uniqueid", c.uniqueid())
                .put("linkedid", c.linkedid())
                .put("callerNumber", c.callerNumber())
                .put("account", c.account())
                .put("position", c.position())
                .put("waitSeconds", c.waitSeconds())
                .put("breached", c.breached())));
        return new JsonObject()
                .put("name", q.name())
                .put("waiting", q.waiting().size())
                .put("longestWaitSeconds", q.longestWaitSeconds())
                .put("breached", q.waiting().stream().filter(LiveQueue.WaitingView::breached).count())
                .put("agents", agents)
                .put("agentList", agentList)
                .put("callers", callers)
                .mergeIn(target(q.target()));
    }

    static JsonObject target(AnswerTarget t) {
        return new JsonObject()
                .put("targetSeconds", t.answerSeconds())
                .put("targetPercent", t.percent())
                .put("shortAbandonSeconds", t.shortAbandonSeconds())
                .put("targetSource", t.source());
    }

    static JsonObject figures(QueueFigures f) {
        return new JsonObject()
                .put("offered", f.offered())
                .put("answered", f.answered())
                .put("answeredWithinTarget", f.answeredWithinTarget())
                .put("abandoned", f.abandoned())
                .put("abandonedShort", f.abandonedShort())
                .put("timedOut", f.timedOut())
                .put("serviceLevel", f.serviceLevel())
                .put("serviceLevelAsterisk", f.serviceLevelAsterisk())
                .put("serviceLevel2Asterisk", f.serviceLevel2Asterisk())
                .put("asaSeconds", f.asaSeconds())
                .put("ahtSeconds", f.ahtSeconds())
                .put("abandonRate", f.abandonRate())
                .put("callbackRequests", f.callbackRequests())
                .put("callbacks", new JsonObject()
                        .put("requested", f.callbacks().requested())
                        .put("connected", f.callbacks().connected())
                        .put("failed", f.callbacks().failed())
                        .put("waiting", f.callbacks().waiting())
                        .put("longestWaitSeconds", f.callbacks().longestWaitSeconds())
                        .put("averageWaitSeconds", f.callbacks().averageWaitSeconds()));
    }

    /** A queue nobody is waiting in and no agent is known for (only figures). */
    static JsonObject empty(String name, AnswerTarget target) {
        JsonObject agents = new JsonObject().put("loggedIn", 0);
        for (AgentStatus status : AgentStatus.values()) {
            agents.put(camel(status), 0);
        }
        return new JsonObject().put("name", name).put("waiting", 0).put("longestWaitSeconds", 0).put("breached", 0)
                .put("agents", agents).put("agentList", new JsonArray()).put("callers", new JsonArray())
                .mergeIn(target(target));
    }

    private static String camel(AgentStatus status) {
        return switch (status) {
            case READY -> "ready";
            case RINGING -> "ringing";
            case ON_CALL -> "onCall";
            case WRAP_UP -> "wrapUp";
            case PAUSED -> "paused";
            case UNAVAILABLE -> "unavailable";
        };
    }
}
