package dev.switchboard.screenpop;

/** Who is who: agents by their phones' queue-member interfaces, member names and users. */
final class ScreenPopSql {

    static final String AGENT_BY_INTERFACE = "SELECT agent_id AS id FROM agent_interfaces WHERE interface = #{iface}";

    static final String AGENT_BY_MEMBER_NAME = "SELECT id FROM agents WHERE member_name = #{name}";

    static final String AGENT_OF_USER = "SELECT id FROM agents WHERE user_id = #{user}";

    static final String PHONES_OF_USER = """
            SELECT a.member_name, i.interface FROM agents a
            LEFT JOIN agent_interfaces i ON i.agent_id = a.id
            WHERE a.user_id = #{user} ORDER BY i.interface""";

    static final String USER_FOR_UPDATE = "SELECT id, username FROM users WHERE id = #{user} FOR UPDATE";

    static final String AGENT_OF_USER_FOR_UPDATE = "SELECT id FROM agents WHERE user_id = #{user} FOR UPDATE";

    static final String AGENT_BY_MEMBER_NAME_FOR_UPDATE =
            "SELECT id FROM agents WHERE member_name = #{name} FOR UPDATE";

    static final String AGENT_BY_ID_FOR_UPDATE = """
            SELECT a.member_name, a.user_id, u.username FROM agents a LEFT JOIN users u ON u.id = a.user_id
            WHERE a.id = #{agent} FOR UPDATE""";

    /** Whose phone this is: the agent it rings and that agent's user, if any. */
    static final String INTERFACE_OWNER_FOR_UPDATE = """
            SELECT i.agent_id, a.member_name, a.user_id, u.username FROM agent_interfaces i
            JOIN agents a ON a.id = i.agent_id LEFT JOIN users u ON u.id = a.user_id
            WHERE i.interface = #{iface} FOR UPDATE""";

    static final String MOVE_INTERFACE = "UPDATE agent_interfaces SET agent_id = #{agent} WHERE interface = #{iface}";

    static final String INTERFACES_OF_AGENT = "SELECT interface FROM agent_interfaces WHERE agent_id = #{agent} ORDER BY interface";

    static final String UNLINK_USER = "UPDATE agents SET user_id = NULL WHERE user_id = #{user}";

    static final String LINK_AGENT = "UPDATE agents SET user_id = #{user} WHERE id = #{agent}";

    static final String INSERT_AGENT = "INSERT INTO agents (user_id, member_name) VALUES (#{user}, #{name}) RETURNING id";

    static final String DELETE_INTERFACES = "DELETE FROM agent_interfaces WHERE agent_id = #{agent}";

    static final String INSERT_INTERFACE = "INSERT INTO agent_interfaces (interface, agent_id) VALUES (#{iface}, #{agent})";

    private ScreenPopSql() {
    }
}
