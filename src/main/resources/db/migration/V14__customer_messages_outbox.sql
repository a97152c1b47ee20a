-- How an account wants to hear from us. NULL: by e-mail when it has an address, else by SMS to a
-- mobile number.
ALTER TABLE accounts
  ADD COLUMN preferred_channel ENUM('email','sms') NULL
      COMMENT 'NULL: email when there is an address, else sms to a mobile';

-- Messages to customers, written in the same transaction as the event they tell of (a visit
-- booked, moved or cancelled; a case closed with its survey link) and delivered by the message
-- sender. A row is claimed ('sending', with a lease) before it goes out and marked 'sent' after;
-- a lease that runs out (a crash between the two) makes it due again.
CREATE TABLE customer_messages (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  message_key      VARCHAR(64)  NOT NULL COMMENT 'stable Message-ID / idempotency key',
  case_id          BIGINT UNSIGNED NOT NULL,
  visit_id         BIGINT UNSIGNED NULL,
  kind             ENUM('visit-booked','visit-rescheduled','visit-cancelled','case-closed') NOT NULL,
  channel          ENUM('email','sms') NULL COMMENT 'NULL: the account has no address nor mobile',
  recipient        VARCHAR(254) NULL,
  subject          VARCHAR(200) NOT NULL,
  body             TEXT         NOT NULL,
  calendar         TEXT         NULL COMMENT 'iCalendar text attached to a visit e-mail',
  status           ENUM('queued','sending','sent','failed') NOT NULL DEFAULT 'queued',
  attempts         INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(3)  NOT NULL,
  lease_until      DATETIME(3)  NULL,
  last_error       VARCHAR(500) NULL,
  created_at       DATETIME(3)  NOT NULL,
  sent_at          DATETIME(3)  NULL,
  UNIQUE KEY uk_customer_messages_key (message_key),
  KEY ix_customer_messages_due (status, next_attempt_at),
  KEY ix_customer_messages_case (case_id, created_at),
  CONSTRAINT fk_customer_messages_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_customer_messages_visit FOREIGN KEY (visit_id) REFERENCES visits (id) ON DELETE SET NULL
) ENGINE=InnoDB;
