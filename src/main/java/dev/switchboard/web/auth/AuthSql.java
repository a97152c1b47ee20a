package dev.switchboard.web.auth;

/** The SQL of users and API sessions. */
final class AuthSql {

    static final String COUNT_ADMINS = "SELECT COUNT(*) AS n FROM users WHERE role = 'admin'";

    static final String INSERT_USER = """
            INSERT INTO users (username, display_name, password_hash, role)
            VALUES (#{username}, #{displayName}, #{passwordHash}, #{role})
            """;

    static final String USER_BY_NAME = """
            SELECT id, username, role, password_hash FROM users WHERE username = #{username} AND active
            """;

    static final String INSERT_SESSION = """
            INSERT INTO api_sessions (token_sha256, user_id, created_at, expires_at)
            VALUES (#{tokenHash}, #{userId}, #{createdAt}, #{expiresAt})
            """;

    static final String USER_BY_TOKEN = """
            SELECT u.id, u.username, u.role, s.expires_at FROM api_sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_sha256 = #{tokenHash} AND s.expires_at > #{now} AND u.active
            """;

    static final String DELETE_SESSION = "DELETE FROM api_sessions WHERE token_sha256 = #{tokenHash}";

    static final String DELETE_EXPIRED = "DELETE FROM api_sessions WHERE expires_at <= #{now}";

    static final String USERS = """
            SELECT u.id, u.username, u.display_name, u.role, u.active, a.member_name,
                   GROUP_CONCAT(i.interface ORDER BY i.interface SEPARATOR ' ') AS interfaces
              FROM users u
              LEFT JOIN agents a ON a.user_id = u.id
              LEFT JOIN agent_interfaces i ON i.agent_id = a.id
             GROUP BY u.id, u.username, u.display_name, u.role, u.active, a.member_name
             ORDER BY u.username
            """;

    /** One user as {@link #USERS} shows them, for the audit's before and after. */
    static final String USER_STATE = """
            SELECT u.id, u.username, u.display_name, u.role, u.active, a.member_name,
                   (SELECT GROUP_CONCAT(i.interface ORDER BY i.interface SEPARATOR ' ')
                      FROM agent_interfaces i WHERE i.agent_id = a.id) AS interfaces
              FROM users u
              LEFT JOIN agents a ON a.user_id = u.id
             WHERE u.id = #{id}
            """;

    static final String USERNAME_OF_USER = "SELECT username FROM users WHERE id = #{id}";

    static final String PASSWORD_OF_USER = "SELECT username, password_hash FROM users WHERE id = #{id} AND active";

    /** Only if the hash is still the one the current password was checked against. */
    static final String REPLACE_PASSWORD =
            "UPDATE users SET password_hash = #{passwordHash} WHERE id = #{id} AND password_hash = #{oldHash}";

    static final String DELETE_OTHER_SESSIONS_OF_USER =
            "DELETE FROM api_sessions WHERE user_id = #{id} AND token_sha256 <> #{kept}";

    static final String USER_FOR_UPDATE = "SELECT id, username, role, active FROM users WHERE id = #{id} FOR UPDATE";

    static final String ACTIVE_ADMINS = "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active";

    static final String UPDATE_USER = """
            UPDATE users SET display_name = COALESCE(#{displayName}, display_name), role = #{role}, active = #{active} WHERE id = #{id}
            """;

    static final String USER_BY_NAME_FOR_UPDATE =
            "SELECT id, username, active FROM users WHERE username = #{username} FOR UPDATE";

    static final String UPDATE_PASSWORD = "UPDATE users SET password_hash = #{passwordHash} WHERE id = #{id}";

    static final String DELETE_SESSIONS_OF_USER = "DELETE FROM api_sessions WHERE user_id = #{id}";

    private AuthSql() {
    }
}
