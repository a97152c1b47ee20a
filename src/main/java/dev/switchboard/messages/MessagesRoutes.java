package dev.switchboard.messages;

import dev.switchboard.web.PathParameters;
import dev.switchboard.web.RouteModule;
import io.vertx.ext.web.Router;

/** {@code GET /api/cases/{id}/messages}: what the customer was sent about a case, and whether it went out. */
public final class MessagesRoutes implements RouteModule {

    private final Outbox outbox;

    public MessagesRoutes(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/cases/:id/messages").handler(ctx -> outbox.ofCase(PathParameters.id(ctx))
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
                .onFailure(ctx::fail));
    }
}
