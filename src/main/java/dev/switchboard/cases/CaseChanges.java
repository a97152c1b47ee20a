package dev.switchboard.cases;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * The notice, published on the event bus once a change is committed, that a case or something on
 * it (its state, a visit, the customer told, a callback, a survey answer) changed:
 * {@code {"caseId": 17}} at {@link #ADDRESS}. It carries no case data; whoever shows the case
 * (an agent's desk, the dispatcher's day) fetches it again through the API, with its access
 * checks.
 */
public final class CaseChanges {

    public static final String ADDRESS = "switchboard.cases.changed";

    private final EventBus bus;

    public CaseChanges(EventBus bus) {
        this.bus = bus;
    }

    public void changed(long caseId) {
        bus.publish(ADDRESS, new JsonObject().put("caseId", caseId));
    }
}
