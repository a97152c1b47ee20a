package dev.switchboard.screenpop;

import dev.switchboard.store.Constraints;
import dev.switchboard.store.DatabaseErrors;
import dev.switchboard.store.Transactions;
import dev.switchboard.web.ConflictException;
import dev.switchboard.web.NotFoundException;
import dev.switchboard.web.ValidationException;
import dev.switchboard.web.auth.Actor;
import dev.switchboard.web.auth.AdminChange;
import dev.switchboard.web.auth.AdminChangeLog;
import dev.switchboard.web.auth.UserPhones;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private final AdminChangeLog changes;

    /** A directory that only finds agents (assigning phones through it fails: it has no audit to write to). */
    public AgentDirectory(Pool pool) {
        this(pool, (tx, change) -> Future.failedFuture(new IllegalStateException("no admin audit to record in")));
    }

    public AgentDirectory(Pool pool, AdminChangeLog changes) {
        this.pool = pool;
        this.changes = changes;
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
     * Makes a user the agent Asterisk knows by the given member name, in a transaction of its own
     * (see {@link #assignWithin}) with its entry in the admin audit; gives back the member name and
     * the phones that ring them now.
     */
    public Future<UserPhones> assignPhones(Actor actor, long userId, UserPhones phones) {
        return Transactions.within(pool, client -> SqlTemplate.forQuery(client, ScreenPopSql.USER_FOR_UPDATE)
                .execute(Map.of("user", userId)).compose(user -> {
                    if (user.size() == 0) {
                        throw new NotFoundException("There is no user " + userId + ".");
                    }
                    String username = user.iterator().next().getString("username");
                    return memberAndPhones(client, userId).compose(before -> assignWithin(client, userId, phones)
                            .compose(assigned -> memberAndPhones(client, userId).compose(after -> changes.record(client,
                                    AdminChange.between(actor, "user.phones", "user", userId, username, before, after)))
                                    .map(assigned)));
                }));
    }

    /** The member name and phones of a user, as the audit compares them. */
    private static Future<JsonObject> memberAndPhones(SqlClient client, long userId) {
        return SqlTemplate.forQuery(client, ScreenPopSql.PHONES_OF_USER).execute(Map.of("user", userId)).map(rows -> {
            String name = null;
            JsonArray interfaces = new JsonArray();
            for (Row row : rows) {
                name = row.getString("member_name");
                if (row.getString("interface") != null) {
                    interfaces.add(row.getString("interface"));
                }
            }
            return new JsonObject().put("memberName", name).put("interfaces", interfaces);
        });
    }

    /**
     * Makes a user the agent Asterisk knows as {@code phones.memberName()}, on the connection of an
     * open transaction; a null member name makes them no agent. The agent the user was before
     * loses its phones. A member with no user yet (the demo data's Alice … Erin) is taken over with
     * its phones: the phones given replace them, none given keeps them. A phone of a member
     * nobody uses moves to this one; a member or a phone that is another user's is a 409 naming
     * whose it is. An agent left with no phone at all is a 422.
     */
    public Future<UserPhones> assignWithin(SqlConnection client, long userId, UserPhones phones) {
        return SqlTemplate.forQuery(client, ScreenPopSql.AGENT_OF_USER_FOR_UPDATE).execute(Map.of("user", userId))
                .compose(previous -> {
                    Long before = previous.size() == 0 ? null : previous.iterator().next().getLong("id");
                    if (phones.memberName() == null) {
                        return leave(client, userId, before).map(new UserPhones(null, List.of()));
                    }
                    return memberNamed(client, phones.memberName())
                            .compose(member -> (Objects.equals(member, before) ? Future.<Void>succeededFuture()
                                    : leave(client, userId, before))
                                    .compose(v -> member == null ? createAgent(client, userId, phones.memberName())
                                            : link(client, userId, member)))
                            .compose(agent -> ringOn(client, agent, phones.interfaces())
                                    .compose(v -> phonesOf(client, agent)))
                            .map(interfaces -> {
                                if (interfaces.isEmpty()) {
                                    throw new ValidationException(Map.of("interfaces", "needs at least one phone: "
                                            + "queue member " + phones.memberName() + " has none yet"));
                                }
                                return new UserPhones(phones.memberName(), interfaces);
                            });
                });
    }

    /** The user is no longer the agent they were: its phones ring nobody. */
    private static Future<Void> leave(SqlClient client, long userId, Long agent) {
        if (agent == null) {
            return Future.succeededFuture();
        }
        return SqlTemplate.forUpdate(client, ScreenPopSql.DELETE_INTERFACES).execute(Map.of("agent", agent))
                .compose(v -> SqlTemplate.forUpdate(client, ScreenPopSql.UNLINK_USER).execute(Map.of("user", userId)))
                .mapEmpty();
    }

    /** The agent row of that member name, null if there is none; another user's is a 409. */
    private static Future<Long> memberNamed(SqlClient client, String memberName) {
        return SqlTemplate.forQuery(client, ScreenPopSql.AGENT_BY_MEMBER_NAME_FOR_UPDATE)
                .execute(Map.of("name", memberName)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return row.getLong("id");
                });
    }

    private static Future<Long> link(SqlClient client, long userId, long agent) {
        return SqlTemplate.forQuery(client, ScreenPopSql.AGENT_BY_ID_FOR_UPDATE).execute(Map.of("agent", agent))
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    Long owner = row.getLong("user_id");
                    if (owner != null && owner != userId) {
                        return Future.failedFuture(new ConflictException("member_name_taken", "Queue member "
                                + row.getString("member_name") + " is already user " + row.getString("username")
                                + "'s; give them another member first.", new JsonObject()));
                    }
                    return SqlTemplate.forUpdate(client, ScreenPopSql.LINK_AGENT)
                            .execute(Map.of("user", userId, "agent", agent)).map(agent);
                });
    }

    private static Future<Long> createAgent(SqlClient client, long userId, String memberName) {
        return SqlTemplate.forQuery(client, ScreenPopSql.INSERT_AGENT).execute(Map.of("user", userId, "name", memberName))
                .map(inserted -> inserted.iterator().next().getLong("id"));
    }

    /** The agent is rung on exactly these phones; none keeps the phones it has. */
    private static Future<Void> ringOn(SqlClient client, long agent, List<String> interfaces) {
        if (interfaces.isEmpty()) {
            return Future.succeededFuture();
        }
        Future<Void> chain = SqlTemplate.forUpdate(client, ScreenPopSql.DELETE_INTERFACES)
                .execute(Map.of("agent", agent)).mapEmpty();
        for (String iface : interfaces) {
            chain = chain.compose(v -> claim(client, agent, iface));
        }
        return chain;
    }

    /** Gives the phone to the agent: a new phone, or one of a member no user is; another user's is a 409. */
    private static Future<Void> claim(SqlClient client, long agent, String iface) {
        return SqlTemplate.forQuery(client, ScreenPopSql.INTERFACE_OWNER_FOR_UPDATE).execute(Map.of("iface", iface))
                .compose(owners -> {
                    if (owners.size() == 0) {
                        return SqlTemplate.forUpdate(client, ScreenPopSql.INSERT_INTERFACE)
                                .execute(Map.of("iface", iface, "agent", agent)).<Void>mapEmpty()
                                .recover(e -> Future.failedFuture(Constraints.violated(e)
                                        ? phoneTaken(iface, "another agent") : e));
                    }
                    Row owner = owners.iterator().next();
                    if (owner.getLong("user_id") != null) {
                        return Future.failedFuture(phoneTaken(iface, "queue member " + owner.getString("member_name")
                                + " (user " + owner.getString("username") + ")"));
                    }
                    return SqlTemplate.forUpdate(client, ScreenPopSql.MOVE_INTERFACE)
                            .execute(Map.of("iface", iface, "agent", agent)).mapEmpty();
                });
    }

    private static ConflictException phoneTaken(String iface, String whose) {
        return new ConflictException("interface_taken", "Phone " + iface + " already rings " + whose
                + "; take it off their phones first.", new JsonObject().put("interface", iface));
    }

    private static Future<List<String>> phonesOf(SqlClient client, long agent) {
        return SqlTemplate.forQuery(client, ScreenPopSql.INTERFACES_OF_AGENT).execute(Map.of("agent", agent))
                .map(rows -> {
                    List<String> interfaces = new ArrayList<>();
                    rows.forEach(row -> interfaces.add(row.getString("interface")));
                    return List.copyOf(interfaces);
                });
    }

    private Future<Optional<Long>> id(String sql, Map<String, Object> parameters) {
        return SqlTemplate.forQuery(pool, sql).execute(parameters).map(AgentDirectory::first);
    }

    private static Optional<Long> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id"));
    }
}
