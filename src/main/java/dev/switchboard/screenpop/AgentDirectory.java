package dev.switchboard.screenpop;

import dev.switchboard.store.Constraints;
import dev.switchboard.store.DatabaseErrors;
import dev.switchboard.store.Transactions;
import dev.switchboard.web.ConflictException;
import dev.switchboard.web.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps what Asterisk says (the rung member's interface, e.g. {@code PJSIP/1001} or
 * {@code Local/1001@agents/n}, and its member name) and who logged in (a user) to an agent.
 */
public final class AgentDirectory {

    private final Pool pool;
    /**
     * The last answer for each phone that rang an agent, used only while the database cannot
     * answer (so that a ring still reaches its agent); as many entries as phones.
     */
    private final Map<String, Long> lastKnown = new ConcurrentHashMap<>();

    public AgentDirectory(Pool pool) {
        this.pool = pool;
    }

    /**
     * The agent whose phone this is: by interface, else by member name. While the database is
     * away: the agent this phone last rang, if it has rung since the start.
     */
    public Future<Optional<Long>> agentRung(String memberInterface, String memberName) {
        return id(ScreenPopSql.AGENT_BY_INTERFACE, Map.of("iface", memberInterface)).compose(byInterface -> {
            if (byInterface.isPresent() || memberName == null || memberName.isBlank()) {
                return Future.succeededFuture(byInterface);
            }
            return id(ScreenPopSql.AGENT_BY_MEMBER_NAME, Map.of("name", memberName));
        }).andThen(found -> {
            if (found.succeeded()) {
                found.result().ifPresentOrElse(agent -> lastKnown.put(memberInterface, agent),
                        () -> lastKnown.remove(memberInterface));
            }
        }).recover(e -> DatabaseErrors.unreachable(e) && lastKnown.containsKey(memberInterface)
                ? Future.succeededFuture(Optional.of(lastKnown.get(memberInterface))) : Future.failedFuture(e));
    }

    public Future<Optional<Long>> agentOfUser(long userId) {
        return id(ScreenPopSql.AGENT_OF_USER, Map.of("user", userId));
    }

    /** A user's queue-member name and the interfaces that ring them; empty if the user is no agent. */
    public record Phones(String memberName, List<String> interfaces) {
    }

    public Future<Optional<Phones>> phonesOfUser(long userId) {
        return SqlTemplate.forQuery(pool, ScreenPopSql.PHONES_OF_USER).execute(Map.of("user", userId)).map(rows -> {
            String name = null;
            List<String> interfaces = new ArrayList<>();
            for (Row row : rows) {
                name = row.getString("member_name");
                if (row.getString("interface") != null) {
                    interfaces.add(row.getString("interface"));
                }
            }
            return name == null ? Optional.empty() : Optional.of(new Phones(name, List.copyOf(interfaces)));
        });
    }

    /**
     * Makes a user the agent Asterisk knows as {@code memberName}, rung on {@code interfaces}
     * (replacing what they had), in one transaction; a null member name makes them no agent.
     * An agent row with that name and no user (e.g. from the demo data) is taken over; one
     * that belongs to another user, or an interface of another agent, is a 409.
     */
    public Future<Void> assignPhones(long userId, String memberName, List<String> interfaces) {
        return Transactions.within(pool, client -> SqlTemplate.forQuery(client, ScreenPopSql.USER_FOR_UPDATE)
                .execute(Map.of("user", userId))
                .compose(user -> {
                    if (user.size() == 0) {
                        throw new NotFoundException("There is no user " + userId + ".");
                    }
                    return SqlTemplate.forQuery(client, ScreenPopSql.AGENT_OF_USER_FOR_UPDATE).execute(Map.of("user", userId));
                })
                .compose(previous -> previous.size() == 0 ? Future.succeededFuture()
                        : SqlTemplate.forUpdate(client, ScreenPopSql.DELETE_INTERFACES)
                        .execute(Map.of("agent", previous.iterator().next().getLong("id"))).mapEmpty())
                .compose(v -> SqlTemplate.forUpdate(client, ScreenPopSql.UNLINK_USER).execute(Map.of("user", userId)))
                .compose(v -> memberName == null ? Future.<Void>succeededFuture()
                        : agentNamed(client, userId, memberName).compose(agent -> {
                            Future<Void> chain = Future.succeededFuture();
                            for (String iface : interfaces) {
                                chain = chain.compose(x -> SqlTemplate.forUpdate(client, ScreenPopSql.INSERT_INTERFACE)
                                        .execute(Map.of("iface", iface, "agent", agent)).<Void>mapEmpty()
                                        .recover(e -> Future.failedFuture(Constraints.violated(e)
                                                ? new ConflictException("interface_taken", "Phone " + iface
                                                + " already rings another agent.", new JsonObject()) : e)));
                            }
                            return chain;
                        })));
    }

    private Future<Long> agentNamed(SqlClient client, long userId, String memberName) {
        return SqlTemplate.forQuery(client, ScreenPopSql.AGENT_BY_MEMBER_NAME_FOR_UPDATE).execute(Map.of("name", memberName))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return SqlTemplate.forQuery(client, ScreenPopSql.INSERT_AGENT)
                                .execute(Map.of("user", userId, "name", memberName))
                                .map(inserted -> inserted.iterator().next().getLong("id"));
                    }
                    Row row = rows.iterator().next();
                    if (row.getLong("user_id") != null) {
                        return Future.failedFuture(new ConflictException("member_name_taken", "Queue member "
                                + memberName + " is another user's.", new JsonObject()));
                    }
                    long agent = row.getLong("id");
                    return SqlTemplate.forUpdate(client, ScreenPopSql.LINK_AGENT)
                            .execute(Map.of("user", userId, "agent", agent)).map(agent);
                });
    }

    private Future<Optional<Long>> id(String sql, Map<String, Object> parameters) {
        return SqlTemplate.forQuery(pool, sql).execute(parameters).map(AgentDirectory::first);
    }

    private static Optional<Long> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id"));
    }
}
