-- What admins (and the command line's password reset) changed: one row per change, written in the
-- transaction of the change itself, so a change that is refused or rolled back leaves no row.
-- before_json / after_json hold only the fields that changed; a password appears as the fact that
-- it changed, never its value or hash. actor_user_id is NULL for the command line ("admin command").
CREATE TABLE admin_audit (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at              DATETIME(3)  NOT NULL,
  actor_user_id   BIGINT UNSIGNED NULL,
  actor_name      VARCHAR(64)  NOT NULL,
  source_address  VARCHAR(64)  NOT NULL,
  action          VARCHAR(40)  NOT NULL,
  subject_kind    VARCHAR(20)  NOT NULL,
  subject_id      BIGINT UNSIGNED NULL,
  subject_name    VARCHAR(120) NULL,
  before_json     TEXT NULL,
  after_json      TEXT NULL,
  -- the admin page pages newest first, optionally by kind of subject or by actor
  KEY ix_admin_audit_kind (subject_kind, id),
  KEY ix_admin_audit_actor (actor_name, id),
  CONSTRAINT ck_admin_audit_before CHECK (before_json IS NULL OR JSON_VALID(before_json)),
  CONSTRAINT ck_admin_audit_after CHECK (after_json IS NULL OR JSON_VALID(after_json))
) ENGINE=InnoDB;
