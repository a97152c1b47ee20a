package dev.switchboard.screenpop;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.Map;
import java.util.Optional;

/**
 * Maps what Asterisk says (the rung member's interface, e.g. {@code PJSIP/1001} or
 * {@code Local/1001@agents/n}, and its member name) and who logged in (a user) to an agent.
 */
public final class AgentDirectory {

    private final Pool pool;

    public AgentDirectory(Pool pool) {
        this.pool = pool;
    }

    /** The agent whose phone this is: by interface, else by member name. */
    public Future<Optional<Long>> agentRung(String memberInterface, String memberName) {
        return id(ScreenPopSql.AGENT_BY_INTERFACE, Map.of("iface", memberInterface)).compose(byInterface -> {
            if (byInterface.isPresent() || memberName == null || memberName.isBlank()) {
                return Future.succeededFuture(byInterface);
            }
            return id(ScreenPopSql.AGENT_BY_MEMBER_NAME, Map.of("name", memberName));
        });
    }

    public Future<Optional<Long>> agentOfUser(long userId) {
        return id(ScreenPopSql.AGENT_OF_USER, Map.of("user", userId));
    }

    private Future<Optional<Long>> id(String sql, Map<String, Object> parameters) {
        return SqlTemplate.forQuery(pool, sql).execute(parameters).map(AgentDirectory::first);
    }

    private static Optional<Long> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id"));
    }
}
