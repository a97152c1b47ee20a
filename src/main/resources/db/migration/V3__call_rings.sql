-- Every time a queue rang an agent for a call: who, when, for how long, and how it ended.

CREATE TABLE call_rings (
  journey_id         BIGINT UNSIGNED   NOT NULL,
  leg_no             SMALLINT UNSIGNED NOT NULL,
  ring_no            SMALLINT UNSIGNED NOT NULL,
  agent_member_name  VARCHAR(80)       NULL,
  agent_interface    VARCHAR(128)      NOT NULL,
  rung_at            DATETIME(3)       NOT NULL,
  outcome            ENUM('answered','no_answer','cancelled') NULL COMMENT 'NULL while ringing',
  ring_ms            INT UNSIGNED      NULL COMMENT 'Asterisk: RingTime of AgentRingNoAnswer (ms) or AgentConnect (s)',
  PRIMARY KEY (journey_id, leg_no, ring_no),
  KEY ix_call_rings_agent (agent_interface, rung_at),
  CONSTRAINT fk_call_rings_journey FOREIGN KEY (journey_id) REFERENCES call_journeys (id) ON DELETE CASCADE
) ENGINE=InnoDB;
