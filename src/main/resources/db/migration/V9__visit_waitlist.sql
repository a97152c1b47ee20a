-- Cases waiting for an earlier visit than any free slot: dispatchers offer them cancelled slots.
CREATE TABLE visit_waitlist (
  id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id              BIGINT UNSIGNED NOT NULL,
  wanted_by            DATETIME     NOT NULL COMMENT 'the date promised to the customer',
  status               ENUM('waiting','booked','cancelled') NOT NULL DEFAULT 'waiting',
  requested_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  created_by_user_id   BIGINT UNSIGNED NULL,
  KEY ix_visit_waitlist_open (status, wanted_by),
  KEY ix_visit_waitlist_case (case_id),
  CONSTRAINT fk_visit_waitlist_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_visit_waitlist_user FOREIGN KEY (created_by_user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB;
