-- A caller who leaves the queue for a callback: the leg ends as 'callback', not as an abandon.
ALTER TABLE call_legs
  MODIFY outcome ENUM('answered','abandoned','timeout','callback') NULL COMMENT 'NULL while waiting';

-- Placing callbacks: when the next try is due, which agent took it, when the customer answered,
-- and the AMI ActionID of the Originate in flight (its OriginateResponse carries it back).
ALTER TABLE callbacks
  ADD COLUMN next_attempt_at DATETIME(3)  NULL AFTER due_at,
  ADD COLUMN agent_interface VARCHAR(128) NULL AFTER assignee_user_id,
  ADD COLUMN connected_at    DATETIME(3)  NULL AFTER last_attempt_at,
  ADD COLUMN action_id       VARCHAR(64)  NULL,
  ADD KEY ix_callbacks_action (action_id);

-- The post-call survey by phone: one score per call (the IVR asks once the agent hangs up).
CREATE TABLE call_surveys (
  id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  linkedid             VARCHAR(64)  NOT NULL,
  account_id           BIGINT UNSIGNED NULL,
  agent_member_name    VARCHAR(80)  NULL,
  score                TINYINT UNSIGNED NOT NULL,
  answered_at          DATETIME(3)  NOT NULL,
  UNIQUE KEY uk_call_surveys_call (linkedid),
  KEY ix_call_surveys_agent (agent_member_name, answered_at),
  CONSTRAINT fk_call_surveys_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE SET NULL,
  CONSTRAINT ck_call_surveys_score CHECK (score BETWEEN 1 AND 5)
) ENGINE=InnoDB;
