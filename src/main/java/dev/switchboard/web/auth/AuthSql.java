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
            SELECT u.id, u.username, u.role FROM api_sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_sha256 = #{tokenHash} AND s.expires_at > #{now} AND u.active
            """;

    static final String DELETE_SESSION = "DELETE FROM api_sessions WHERE token_sha256 = #{tokenHash}";

    static final String DELETE_EXPIRED = "DELETE FROM api_sessions WHERE expires_at <= #{now}";

    private AuthSql() {
    }
}
