-- Where each fact about a call came from, so that facts recovered from Asterisk's queue_log, or
-- estimated after missed events, can be told from those AMI reported. Rows stored before read as
-- AMI's: a NULL ended_source or outcome_source beside an end or an outcome means 'ami' (no
-- rewrite of old rows, so the migration stays instant on a large table).

ALTER TABLE call_journeys
  ADD COLUMN source       ENUM('ami','queue_log') NOT NULL DEFAULT 'ami' COMMENT 'who first recorded the call',
  ADD COLUMN ended_source ENUM('ami','queue_log') NULL COMMENT 'queue_log: the end is its last line for the call';

ALTER TABLE call_legs
  ADD COLUMN joined_source  ENUM('ami','resync','queue_log') NOT NULL DEFAULT 'ami'
    COMMENT 'resync: estimated from a wait or hold time, the join itself was missed',
  ADD COLUMN outcome_source ENUM('ami','queue_log') NULL;

ALTER TABLE call_rings
  ADD COLUMN source ENUM('ami','queue_log') NOT NULL DEFAULT 'ami',
  MODIFY agent_interface VARCHAR(128) NULL COMMENT 'NULL: queue_log named the member only';

-- Every channel of a call, by Uniqueid: the call id in queue_log is the Uniqueid of the channel
-- that queued, which need not be the call's first channel (a Local channel, a transfer), so a
-- call seen in queue_log is found by any of them. A table rather than a list in call_journeys:
-- a call ringing many agents through Local channels has dozens, and the look-up needs an index.
CREATE TABLE call_channels (
  journey_id  BIGINT UNSIGNED NOT NULL,
  uniqueid    VARCHAR(64)     NOT NULL,
  PRIMARY KEY (journey_id, uniqueid),
  KEY ix_call_channels_uniqueid (uniqueid),
  CONSTRAINT fk_call_channels_journey FOREIGN KEY (journey_id) REFERENCES call_journeys (id) ON DELETE CASCADE
) ENGINE=InnoDB;
