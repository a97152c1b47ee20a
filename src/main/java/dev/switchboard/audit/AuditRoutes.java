package dev.switchboard.audit;

import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.QueryParameters;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.auth.AdminChange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/admin/audit?before=&limit=&kind=&actor=}: what admins changed, newest first;
 * {@code nextBefore} in the answer asks for the page after (null on the last page).
 */
public final class AuditRoutes implements RouteModule {

    static final Set<String> KINDS = Set.of("user", "queue", "engineer");
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final AdminAudit audit;

    public AuditRoutes(AdminAudit audit) {
        this.audit = audit;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/admin/audit").handler(this::page);
    }

    private void page(RoutingContext ctx) {
        int limit = QueryParameters.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        AdminAudit.Page page = new AdminAudit.Page(before(ctx), limit + 1, kind(ctx), text(ctx, "actor"));
        audit.page(page).onSuccess(entries -> {
            List<AdminAudit.Entry> shown = entries.size() > limit ? entries.subList(0, limit) : entries;
            JsonArray out = new JsonArray();
            shown.forEach(entry -> out.add(json(entry)));
            Long nextBefore = entries.size() > limit ? shown.get(shown.size() - 1).id() : null;
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("entries", out).put("nextBefore", nextBefore).encode());
        }).onFailure(ctx::fail);
    }

    private static long before(RoutingContext ctx) {
        String value = ctx.queryParams().get("before");
        if (value == null || value.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            long before = Long.parseLong(value.trim());
            if (before > 0) {
                return before;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException("invalid_parameter", "'before' must be an entry id (a whole number above 0).");
    }

    private static Optional<String> kind(RoutingContext ctx) {
        Optional<String> kind = text(ctx, "kind");
        if (kind.isPresent() && !KINDS.contains(kind.get())) {
            throw new InvalidRequestException("invalid_parameter", "'kind' must be one of user, queue, engineer.");
        }
        return kind;
    }

    private static Optional<String> text(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static JsonObject json(AdminAudit.Entry entry) {
        AdminChange change = entry.change();
        return new JsonObject().put("id", entry.id()).put("at", entry.at().toString())
                .put("actor", new JsonObject().put("userId", change.actor().userId()).put("name", change.actor().name()))
                .put("address", change.actor().address()).put("action", change.action())
                .put("subject", new JsonObject().put("kind", change.subjectKind()).put("id", change.subjectId())
                        .put("name", change.subjectName()))
                .put("before", change.before()).put("after", change.after());
    }
}
