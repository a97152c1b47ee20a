package dev.switchboard.cases;

import dev.switchboard.web.RouteModule;
import dev.switchboard.web.auth.AccessPolicy;
import dev.switchboard.web.auth.AuthenticatedUser;
import dev.switchboard.web.auth.ForbiddenException;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.Map;

/**
 * Which cases an agent may work: the team's (assigned to nobody) and their own, not a case
 * assigned to someone else; the same for a case's visits. Supervisors, dispatchers and admins
 * may work every case. Mounted before every route under {@code /api/cases/{id}} and
 * {@code /api/visits/{id}}, whichever capability serves it.
 */
public final class CaseAccess implements RouteModule {

    private final Pool pool;

    public CaseAccess(Pool pool) {
        this.pool = pool;
    }

    @Override
    public void mount(Router router) {
        router.route("/api/cases/:id").handler(ctx -> check(ctx, CasesSql.CASE_ASSIGNEE, "Case"));
        router.route("/api/cases/:id/*").handler(ctx -> check(ctx, CasesSql.CASE_ASSIGNEE, "Case"));
        router.route("/api/visits/:id").handler(ctx -> check(ctx, CasesSql.VISIT_CASE_ASSIGNEE, "The case of visit"));
        router.route("/api/visits/:id/*").handler(ctx -> check(ctx, CasesSql.VISIT_CASE_ASSIGNEE, "The case of visit"));
    }

    /** Whether the user may work the case (an unknown case: false). */
    public Future<Boolean> mayWork(AuthenticatedUser user, long caseId) {
        return SqlTemplate.forQuery(pool, CasesSql.CASE_ASSIGNEE).execute(Map.of("id", caseId)).map(rows -> {
            if (rows.size() == 0) {
                return false;
            }
            Long assignee = assignee(rows.iterator().next());
            return !user.role().equals(AccessPolicy.AGENT) || assignee == null || assignee == user.id();
        });
    }

    private void check(RoutingContext ctx, String sql, String what) {
        AuthenticatedUser user = AuthenticatedUser.of(ctx);
        String id = ctx.pathParam("id");
        if (!user.role().equals(AccessPolicy.AGENT) || id == null || !id.matches("[0-9]{1,18}")) {
            ctx.next(); // a malformed id is the route's to refuse (400)
            return;
        }
        SqlTemplate.forQuery(pool, sql).execute(Map.of("id", Long.parseLong(id))).onSuccess(rows -> {
            Long assignee = rows.size() == 0 ? null : assignee(rows.iterator().next());
            if (assignee == null || assignee == user.id()) {
                ctx.next();
            } else {
                ctx.fail(new ForbiddenException(what + " " + id + " is assigned to someone else."));
            }
        }).onFailure(ctx::fail);
    }

    private static Long assignee(Row row) {
        return row.getLong("assigned_user_id");
    }
}
