-- Single-use tickets that open one live-feed WebSocket, so that a browser never puts its session
-- token in a URL. Only the ticket's SHA-256 is stored; it belongs to the session that asked for it
-- (logging out or an expired session ends it too) and lives WebSocketTickets.LIFETIME. Every node
-- on this database honours a ticket any of them issued; redeeming deletes the row, so it opens one
-- socket only.
CREATE TABLE ws_tickets (
  ticket_sha256   BINARY(32)  NOT NULL PRIMARY KEY COMMENT 'SHA-256 of the ticket; the ticket itself is never stored',
  session_sha256  BINARY(32)  NOT NULL COMMENT 'the api_sessions row whose user the ticket stands for',
  expires_at      DATETIME(3) NOT NULL,
  KEY ix_ws_tickets_expiry (expires_at),
  CONSTRAINT fk_ws_tickets_session FOREIGN KEY (session_sha256) REFERENCES api_sessions (token_sha256) ON DELETE CASCADE
) ENGINE=InnoDB;
