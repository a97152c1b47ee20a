package dev.switchboard.screenpop;

/** Who is who: agents by their phones' queue-member interfaces, member names and users. */
final class ScreenPopSql {

    static final String AGENT_BY_INTERFACE = "SELECT agent_id AS id FROM agent_interfaces WHERE interface = #{iface}";

    static final String AGENT_BY_MEMBER_NAME = "SELECT id FROM agents WHERE member_name = #{name}";

    static final String AGENT_OF_USER = "SELECT id FROM agents WHERE user_id = #{user}";

    private ScreenPopSql() {
    }
}
