-- Counters of attempts (logins, survey page requests), shared by every service instance on
-- this database. The key (a user name with a client address, or an address alone) is stored only
-- as its SHA-256: a password typed into the user-name field never lands here in clear.

CREATE TABLE attempt_counters (
  kind           VARCHAR(24)  NOT NULL COMMENT 'what is counted, e.g. login-user-address, login-address, survey',
  key_sha256     BINARY(32)   NOT NULL COMMENT 'SHA-256 of the key within its kind',
  attempts       INT UNSIGNED NOT NULL COMMENT 'attempts since the counter last started afresh',
  held_until     DATETIME(3)  NULL COMMENT 'no further attempt for this key before this time; NULL: not held back',
  expires_at     DATETIME(3)  NOT NULL COMMENT 'the counter is forgotten (and may be purged) from this time',
  PRIMARY KEY (kind, key_sha256),
  KEY ix_attempt_counters_expiry (expires_at)
) ENGINE=InnoDB;
