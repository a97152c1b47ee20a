-- Call legs remember the queue channel's Uniqueid (the call id in Asterisk's queue_log) and the
-- caller's original position; API sessions hold hashed bearer tokens with an expiry.

ALTER TABLE call_legs
  ADD COLUMN uniqueid VARCHAR(64) NULL COMMENT 'Asterisk Uniqueid of the channel in the queue' AFTER leg_no,
  ADD COLUMN original_position SMALLINT UNSIGNED NULL AFTER position,
  ADD KEY ix_call_legs_uniqueid (uniqueid);

CREATE TABLE api_sessions (
  token_sha256    BINARY(32)      NOT NULL PRIMARY KEY COMMENT 'SHA-256 of the bearer token; the token itself is never stored',
  user_id         BIGINT UNSIGNED NOT NULL,
  created_at      DATETIME(3)     NOT NULL,
  expires_at      DATETIME(3)     NOT NULL,
  KEY ix_api_sessions_user (user_id),
  KEY ix_api_sessions_expiry (expires_at),
  CONSTRAINT fk_api_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;
