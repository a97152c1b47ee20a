-- Switchboard domain, version 1. Integrity lives here, not only in code: foreign keys, unique
-- keys, checks, and a period key that makes overlapping visits for one engineer impossible.
-- Times are UTC (the server runs with time_zone +00:00).

CREATE TABLE regions (
  id          SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code        VARCHAR(32)  NOT NULL,
  name        VARCHAR(100) NOT NULL,
  UNIQUE KEY uk_regions_code (code)
) ENGINE=InnoDB;

CREATE TABLE skills (
  id          SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code        VARCHAR(32)  NOT NULL,
  name        VARCHAR(100) NOT NULL,
  UNIQUE KEY uk_skills_code (code)
) ENGINE=InnoDB;

-- Customers ---------------------------------------------------------------------------------

CREATE TABLE accounts (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_number  VARCHAR(12)  NOT NULL COMMENT 'digits; what callers key in the IVR',
  name            VARCHAR(200) NOT NULL,
  email           VARCHAR(254) NULL,
  status          ENUM('active','suspended','closed') NOT NULL DEFAULT 'active',
  created_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_accounts_number (account_number),
  CONSTRAINT ck_accounts_number CHECK (account_number REGEXP '^[0-9]{4,12}$')
) ENGINE=InnoDB;

-- A number belongs to one account unless it is marked shared (a household or office line);
-- the generated column is NULL for shared numbers, so only exclusive ones are unique.
CREATE TABLE account_phones (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id      BIGINT UNSIGNED NOT NULL,
  e164            VARCHAR(16)  NOT NULL COMMENT 'E.164, e.g. +441632960123',
  kind            ENUM('mobile','home','work','other') NOT NULL DEFAULT 'mobile',
  shared          BOOLEAN      NOT NULL DEFAULT FALSE,
  exclusive_e164  VARCHAR(16)  AS (IF(shared, NULL, e164)) PERSISTENT,
  UNIQUE KEY uk_account_phones_number (account_id, e164),
  UNIQUE KEY uk_account_phones_exclusive (exclusive_e164),
  KEY ix_account_phones_lookup (e164, account_id),
  CONSTRAINT fk_account_phones_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT ck_account_phones_e164 CHECK (e164 REGEXP '^\\+[1-9][0-9]{6,14}$')
) ENGINE=InnoDB;

CREATE TABLE service_addresses (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id      BIGINT UNSIGNED NOT NULL,
  line1           VARCHAR(200) NOT NULL,
  line2           VARCHAR(200) NULL,
  city            VARCHAR(100) NOT NULL,
  postcode        VARCHAR(16)  NOT NULL,
  region_id       SMALLINT UNSIGNED NOT NULL,
  is_primary      BOOLEAN      NOT NULL DEFAULT FALSE,
  KEY ix_service_addresses_account (account_id),
  KEY ix_service_addresses_region (region_id),
  CONSTRAINT fk_service_addresses_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT fk_service_addresses_region FOREIGN KEY (region_id) REFERENCES regions (id)
) ENGINE=InnoDB;

-- People who use Switchboard ----------------------------------------------------------------

CREATE TABLE users (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username        VARCHAR(64)  NOT NULL,
  display_name    VARCHAR(120) NOT NULL,
  password_hash   VARCHAR(255) NOT NULL,
  role            ENUM('agent','supervisor','dispatcher','admin') NOT NULL,
  active          BOOLEAN      NOT NULL DEFAULT TRUE,
  created_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_users_username (username),
  CONSTRAINT ck_users_username CHECK (username REGEXP '^[a-z0-9._-]{2,64}$')
) ENGINE=InnoDB;

-- An agent as Asterisk knows them: the queue member name, and the interfaces that ring them.
CREATE TABLE agents (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id         BIGINT UNSIGNED NULL,
  member_name     VARCHAR(80)  NOT NULL,
  UNIQUE KEY uk_agents_user (user_id),
  UNIQUE KEY uk_agents_member_name (member_name),
  CONSTRAINT fk_agents_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB;

CREATE TABLE agent_interfaces (
  interface       VARCHAR(128) NOT NULL PRIMARY KEY COMMENT 'e.g. PJSIP/1001 or Local/1001@agents/n',
  agent_id        BIGINT UNSIGNED NOT NULL,
  KEY ix_agent_interfaces_agent (agent_id),
  CONSTRAINT fk_agent_interfaces_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Answer-time targets per Asterisk queue; NULL means "use the configured or Asterisk default".
CREATE TABLE queues (
  id                     SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name                   VARCHAR(80)  NOT NULL,
  target_answer_seconds  SMALLINT UNSIGNED NULL,
  target_percent         DECIMAL(5,2) NULL,
  short_abandon_seconds  SMALLINT UNSIGNED NULL,
  UNIQUE KEY uk_queues_name (name),
  CONSTRAINT ck_queues_target_percent CHECK (target_percent IS NULL OR target_percent BETWEEN 0 AND 100),
  CONSTRAINT ck_queues_target_answer CHECK (target_answer_seconds IS NULL OR target_answer_seconds BETWEEN 1 AND 3600)
) ENGINE=InnoDB;

-- Engineers and when they can work ------------------------------------------------------------

CREATE TABLE engineers (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name            VARCHAR(120) NOT NULL,
  phone_e164      VARCHAR(16)  NULL,
  home_region_id  SMALLINT UNSIGNED NOT NULL,
  active          BOOLEAN      NOT NULL DEFAULT TRUE,
  CONSTRAINT fk_engineers_region FOREIGN KEY (home_region_id) REFERENCES regions (id)
) ENGINE=InnoDB;

CREATE TABLE engineer_skills (
  engineer_id     BIGINT UNSIGNED NOT NULL,
  skill_id        SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (engineer_id, skill_id),
  KEY ix_engineer_skills_skill (skill_id, engineer_id),
  CONSTRAINT fk_engineer_skills_engineer FOREIGN KEY (engineer_id) REFERENCES engineers (id) ON DELETE CASCADE,
  CONSTRAINT fk_engineer_skills_skill FOREIGN KEY (skill_id) REFERENCES skills (id)
) ENGINE=InnoDB;

CREATE TABLE engineer_regions (
  engineer_id     BIGINT UNSIGNED NOT NULL,
  region_id       SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (engineer_id, region_id),
  KEY ix_engineer_regions_region (region_id, engineer_id),
  CONSTRAINT fk_engineer_regions_engineer FOREIGN KEY (engineer_id) REFERENCES engineers (id) ON DELETE CASCADE,
  CONSTRAINT fk_engineer_regions_region FOREIGN KEY (region_id) REFERENCES regions (id)
) ENGINE=InnoDB;

CREATE TABLE engineer_working_hours (
  engineer_id     BIGINT UNSIGNED NOT NULL,
  weekday         TINYINT UNSIGNED NOT NULL COMMENT '1 = Monday ... 7 = Sunday',
  starts_at       TIME NOT NULL,
  ends_at         TIME NOT NULL,
  PRIMARY KEY (engineer_id, weekday, starts_at),
  CONSTRAINT fk_working_hours_engineer FOREIGN KEY (engineer_id) REFERENCES engineers (id) ON DELETE CASCADE,
  CONSTRAINT ck_working_hours_weekday CHECK (weekday BETWEEN 1 AND 7),
  CONSTRAINT ck_working_hours_span CHECK (ends_at > starts_at)
) ENGINE=InnoDB;

CREATE TABLE engineer_absences (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  engineer_id     BIGINT UNSIGNED NOT NULL,
  starts_at       DATETIME NOT NULL,
  ends_at         DATETIME NOT NULL,
  reason          VARCHAR(200) NULL,
  KEY ix_absences_engineer (engineer_id, starts_at),
  CONSTRAINT fk_absences_engineer FOREIGN KEY (engineer_id) REFERENCES engineers (id) ON DELETE CASCADE,
  CONSTRAINT ck_absences_span CHECK (ends_at > starts_at)
) ENGINE=InnoDB;

-- Calls as Asterisk reported them ------------------------------------------------------------

-- One journey per call, keyed by the Asterisk server and the call's Linkedid.
CREATE TABLE call_journeys (
  id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  server               VARCHAR(100) NOT NULL,
  linkedid             VARCHAR(64)  NOT NULL,
  caller_number        VARCHAR(40)  NULL COMMENT 'as presented, e.g. anonymous',
  caller_e164          VARCHAR(16)  NULL,
  caller_name          VARCHAR(80)  NULL,
  ivr_account_entered  VARCHAR(16)  NULL,
  account_id           BIGINT UNSIGNED NULL,
  started_at           DATETIME(3)  NOT NULL,
  ivr_seconds          INT UNSIGNED NULL,
  ended_at             DATETIME(3)  NULL,
  UNIQUE KEY uk_call_journeys_linkedid (server, linkedid),
  KEY ix_call_journeys_started (started_at),
  KEY ix_call_journeys_account (account_id, started_at),
  CONSTRAINT fk_call_journeys_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE SET NULL
) ENGINE=InnoDB;

-- Each time the call sat in a queue: how long, and how it left.
CREATE TABLE call_legs (
  id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  journey_id           BIGINT UNSIGNED NOT NULL,
  leg_no               SMALLINT UNSIGNED NOT NULL,
  queue_name           VARCHAR(80)  NOT NULL,
  joined_at            DATETIME(3)  NOT NULL,
  position             SMALLINT UNSIGNED NULL,
  outcome              ENUM('answered','abandoned','timeout') NULL COMMENT 'NULL while waiting',
  left_at              DATETIME(3)  NULL,
  hold_seconds         INT UNSIGNED NULL,
  ring_seconds         INT UNSIGNED NULL,
  talk_seconds         INT UNSIGNED NULL,
  agent_member_name    VARCHAR(80)  NULL,
  agent_interface      VARCHAR(128) NULL,
  agent_id             BIGINT UNSIGNED NULL,
  ring_no_answers      SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  completed_by         ENUM('caller','agent','transfer') NULL,
  UNIQUE KEY uk_call_legs_journey (journey_id, leg_no),
  KEY ix_call_legs_queue (queue_name, joined_at),
  KEY ix_call_legs_agent (agent_id, joined_at),
  CONSTRAINT fk_call_legs_journey FOREIGN KEY (journey_id) REFERENCES call_journeys (id) ON DELETE CASCADE,
  CONSTRAINT fk_call_legs_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE SET NULL
) ENGINE=InnoDB;

-- Service requests ---------------------------------------------------------------------------

CREATE TABLE cases (
  id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id           BIGINT UNSIGNED NOT NULL,
  service_address_id   BIGINT UNSIGNED NULL,
  channel              ENUM('phone','email','web','letter','walk_in','social') NOT NULL,
  category             VARCHAR(64)  NOT NULL,
  priority             ENUM('low','normal','high','urgent') NOT NULL DEFAULT 'normal',
  status               ENUM('open','scheduled','visited','resolved','escalated','waiting_parts','closed','cancelled')
                       NOT NULL DEFAULT 'open',
  description          TEXT         NOT NULL,
  required_skill_id    SMALLINT UNSIGNED NULL,
  call_journey_id      BIGINT UNSIGNED NULL,
  created_by_user_id   BIGINT UNSIGNED NULL,
  assigned_user_id     BIGINT UNSIGNED NULL,
  version              INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'optimistic concurrency',
  created_at           DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at           DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  closed_at            DATETIME(3)  NULL,
  KEY ix_cases_account (account_id, status, created_at),
  KEY ix_cases_status (status, updated_at),
  KEY ix_cases_assignee (assigned_user_id, status),
  CONSTRAINT fk_cases_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_cases_address FOREIGN KEY (service_address_id) REFERENCES service_addresses (id),
  CONSTRAINT fk_cases_skill FOREIGN KEY (required_skill_id) REFERENCES skills (id),
  CONSTRAINT fk_cases_call FOREIGN KEY (call_journey_id) REFERENCES call_journeys (id) ON DELETE SET NULL,
  CONSTRAINT fk_cases_created_by FOREIGN KEY (created_by_user_id) REFERENCES users (id),
  CONSTRAINT fk_cases_assignee FOREIGN KEY (assigned_user_id) REFERENCES users (id),
  CONSTRAINT ck_cases_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL))
) ENGINE=InnoDB;

-- The audit trail: every change of a case, who made it, when and why.
CREATE TABLE case_events (
  id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id              BIGINT UNSIGNED NOT NULL,
  at                   DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  actor_user_id        BIGINT UNSIGNED NULL,
  actor                VARCHAR(80)  NOT NULL COMMENT 'user name, or system / ivr',
  kind                 VARCHAR(32)  NOT NULL,
  from_status          VARCHAR(16)  NULL,
  to_status            VARCHAR(16)  NULL,
  reason               TEXT         NULL,
  KEY ix_case_events_case (case_id, at),
  CONSTRAINT fk_case_events_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_case_events_user FOREIGN KEY (actor_user_id) REFERENCES users (id)
) ENGINE=InnoDB;

-- Engineer visits. The period key on (engineer, slot) makes two overlapping live visits for one
-- engineer impossible; a cancelled visit drops out of it (its generated engineer column is NULL).
CREATE TABLE visits (
  id                     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id                BIGINT UNSIGNED NOT NULL,
  engineer_id            BIGINT UNSIGNED NOT NULL,
  starts_at              DATETIME NOT NULL,
  ends_at                DATETIME NOT NULL,
  status                 ENUM('booked','completed','cancelled') NOT NULL DEFAULT 'booked',
  customer_advised_at    DATETIME(3) NULL,
  customer_advised_via   ENUM('call','sms','email','letter') NULL,
  booked_by_user_id      BIGINT UNSIGNED NULL,
  version                INT UNSIGNED NOT NULL DEFAULT 0,
  created_at             DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  live_engineer_id       BIGINT UNSIGNED AS (IF(status = 'cancelled', NULL, engineer_id)) PERSISTENT,
  PERIOD FOR slot (starts_at, ends_at),
  UNIQUE KEY uk_visits_no_overlap (live_engineer_id, slot WITHOUT OVERLAPS),
  KEY ix_visits_engineer (engineer_id, starts_at),
  KEY ix_visits_case (case_id, starts_at),
  KEY ix_visits_day (starts_at),
  CONSTRAINT fk_visits_case FOREIGN KEY (case_id) REFERENCES cases (id),
  CONSTRAINT fk_visits_engineer FOREIGN KEY (engineer_id) REFERENCES engineers (id),
  CONSTRAINT fk_visits_booked_by FOREIGN KEY (booked_by_user_id) REFERENCES users (id),
  CONSTRAINT ck_visits_advised CHECK ((customer_advised_at IS NULL) = (customer_advised_via IS NULL))
) ENGINE=InnoDB;

CREATE TABLE engineer_reports (
  id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  visit_id             BIGINT UNSIGNED NOT NULL,
  outcome              ENUM('fixed','follow_up','no_access','not_home') NOT NULL,
  work_done            TEXT NOT NULL,
  parts_used           TEXT NULL,
  minutes_on_site      SMALLINT UNSIGNED NOT NULL,
  reported_at          DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  reported_by_user_id  BIGINT UNSIGNED NULL,
  UNIQUE KEY uk_engineer_reports_visit (visit_id),
  CONSTRAINT fk_engineer_reports_visit FOREIGN KEY (visit_id) REFERENCES visits (id),
  CONSTRAINT fk_engineer_reports_user FOREIGN KEY (reported_by_user_id) REFERENCES users (id)
) ENGINE=InnoDB;

CREATE TABLE callbacks (
  id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  phone_e164           VARCHAR(16)  NOT NULL,
  queue_name           VARCHAR(80)  NULL,
  account_id           BIGINT UNSIGNED NULL,
  case_id              BIGINT UNSIGNED NULL,
  call_journey_id      BIGINT UNSIGNED NULL,
  source               ENUM('ivr','agent','escalation') NOT NULL,
  status               ENUM('pending','calling','done','failed','cancelled') NOT NULL DEFAULT 'pending',
  requested_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  due_at               DATETIME(3)  NULL,
  assignee_user_id     BIGINT UNSIGNED NULL,
  attempts             TINYINT UNSIGNED NOT NULL DEFAULT 0,
  last_attempt_at      DATETIME(3)  NULL,
  outcome              VARCHAR(64)  NULL,
  note                 TEXT         NULL,
  KEY ix_callbacks_queue (status, queue_name, requested_at),
  KEY ix_callbacks_assignee (assignee_user_id, status, due_at),
  CONSTRAINT fk_callbacks_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE SET NULL,
  CONSTRAINT fk_callbacks_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE SET NULL,
  CONSTRAINT fk_callbacks_call FOREIGN KEY (call_journey_id) REFERENCES call_journeys (id) ON DELETE SET NULL,
  CONSTRAINT fk_callbacks_assignee FOREIGN KEY (assignee_user_id) REFERENCES users (id),
  CONSTRAINT ck_callbacks_phone CHECK (phone_e164 REGEXP '^\\+[1-9][0-9]{6,14}$')
) ENGINE=InnoDB;

-- One satisfaction survey per closure of a case.
CREATE TABLE csat_surveys (
  id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id              BIGINT UNSIGNED NOT NULL,
  closure_no           SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  channel              ENUM('ivr','sms','email') NOT NULL,
  sent_at              DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  score                TINYINT UNSIGNED NULL,
  comment              TEXT         NULL,
  answered_at          DATETIME(3)  NULL,
  UNIQUE KEY uk_csat_case_closure (case_id, closure_no),
  CONSTRAINT fk_csat_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT ck_csat_score CHECK (score IS NULL OR score BETWEEN 1 AND 5),
  CONSTRAINT ck_csat_answered CHECK ((score IS NULL) = (answered_at IS NULL))
) ENGINE=InnoDB;
