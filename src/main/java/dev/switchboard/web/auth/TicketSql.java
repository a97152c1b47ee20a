package dev.switchboard.web.auth;

/** The SQL of WebSocket tickets. */
final class TicketSql {

    static final String INSERT_TICKET = """
            INSERT INTO ws_tickets (ticket_sha256, session_sha256, expires_at)
            VALUES (#{ticketHash}, #{sessionHash}, #{expiresAt})
            """;

    /** One statement that takes the ticket away, so that of two upgrades racing only one gets a row. */
    static final String TAKE_TICKET = """
            DELETE FROM ws_tickets WHERE ticket_sha256 = #{ticketHash} RETURNING session_sha256, expires_at
            """;

    static final String USER_BY_SESSION = """
            SELECT u.id, u.username, u.role FROM api_sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_sha256 = #{sessionHash} AND s.expires_at > #{now} AND u.active
            """;

    static final String DELETE_EXPIRED = "DELETE FROM ws_tickets WHERE expires_at <= #{now}";

    private TicketSql() {
    }
}
