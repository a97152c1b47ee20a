-- Where Switchboard is in each Asterisk's queue_log file, so that after a restart it reads on from
-- there (and finds the file again if Asterisk rotated it in the meantime). One row per server.
CREATE TABLE queue_log_readers (
  server            VARCHAR(100)    NOT NULL PRIMARY KEY COMMENT 'the Asterisk, as call_journeys.server',
  path              VARCHAR(1000)   NOT NULL COMMENT 'the queue_log file followed',
  file_key          VARCHAR(100)    NULL COMMENT 'the file''s identity, (dev=…,ino=…) on Linux; kept by a rename',
  first_line_sha256 BINARY(32)      NULL COMMENT 'SHA-256 of its first line: tells a truncated or recreated file, or finds it compressed',
  resume_offset     BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'read again from here after a restart: the first line of the oldest call still open',
  checked_offset    BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'every line before this has been checked or repaired',
  last_line_at      DATETIME(3)     NULL COMMENT 'Asterisk time of the last line read',
  updated_at        DATETIME(3)     NOT NULL
) ENGINE=InnoDB;
