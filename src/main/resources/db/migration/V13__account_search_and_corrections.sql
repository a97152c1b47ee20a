-- Finding, creating and correcting accounts.

-- Accounts carry a version (If-Match, like cases).
ALTER TABLE accounts
  ADD COLUMN version    INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'optimistic concurrency',
  ADD COLUMN updated_at DATETIME(3)  NULL;

-- Each word of an account's name, for "prefix of any word" search through an index. The column's
-- collation compares case- and accent-insensitively ('É' = 'e'), so LIKE 'jose%' finds 'José'
-- and uses the index as a range.
CREATE TABLE account_name_words (
  word            VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  account_id      BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (word, account_id),
  KEY ix_account_name_words_account (account_id, word),
  CONSTRAINT fk_account_name_words_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Every account inserted, however (the API, the demo seeder, the benchmark), gets its words: the
-- name split at spaces, hyphens, commas and dots (up to 12 words). Renames through the API
-- replace them (AccountsSql.NAME_WORDS uses the same split).
CREATE TRIGGER tr_accounts_name_words AFTER INSERT ON accounts FOR EACH ROW
  INSERT IGNORE INTO account_name_words (word, account_id)
  SELECT w.word, NEW.id FROM (
    SELECT LEFT(SUBSTRING_INDEX(SUBSTRING_INDEX(
             REPLACE(REPLACE(REPLACE(NEW.name, '-', ' '), ',', ' '), '.', ' '), ' ', s.seq), ' ', -1), 64) AS word
      FROM seq_1_to_12 s) w
   WHERE w.word <> '';

INSERT IGNORE INTO account_name_words (word, account_id)
  SELECT w.word, w.id FROM (
    SELECT a.id, LEFT(SUBSTRING_INDEX(SUBSTRING_INDEX(
             REPLACE(REPLACE(REPLACE(a.name, '-', ' '), ',', ' '), '.', ' '), ' ', s.seq), ' ', -1), 64) AS word
      FROM accounts a JOIN seq_1_to_12 s) w
   WHERE w.word <> '';

-- Postcode and street search: the postcode without spaces in capitals ('SW1A 1AA' → 'SW1A1AA'),
-- and the street without its house number ('12a, High Street' → 'High Street').
ALTER TABLE service_addresses
  ADD COLUMN postcode_key VARCHAR(16) AS (UPPER(REPLACE(postcode, ' ', ''))) PERSISTENT,
  ADD COLUMN street_key   VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
                          AS (REGEXP_REPLACE(line1, '^[0-9]+[A-Za-z]?[,]?[ ]+', '')) PERSISTENT,
  ADD KEY ix_service_addresses_postcode (postcode_key, account_id),
  ADD KEY ix_service_addresses_street (street_key, account_id);

-- Which region serves a postcode: the longest matching prefix (of the postcode in capitals
-- without spaces) wins. Admins edit it with PUT /api/admin/postcode-regions.
CREATE TABLE postcode_regions (
  prefix          VARCHAR(16) NOT NULL PRIMARY KEY,
  region_id       SMALLINT UNSIGNED NOT NULL,
  CONSTRAINT fk_postcode_regions_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT ck_postcode_regions_prefix CHECK (prefix REGEXP '^[A-Z0-9]{1,16}$')
) ENGINE=InnoDB;

-- The audit trail of accounts: every change, who made it and when; what changed as JSON.
CREATE TABLE account_events (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id      BIGINT UNSIGNED NOT NULL,
  at              DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  actor_user_id   BIGINT UNSIGNED NULL,
  actor           VARCHAR(80)  NOT NULL,
  kind            VARCHAR(32)  NOT NULL COMMENT 'created, edited, phone-added, phone-removed',
  changes         TEXT         NOT NULL COMMENT 'JSON: field → {from, to}',
  KEY ix_account_events_account (account_id, at),
  CONSTRAINT fk_account_events_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT fk_account_events_user FOREIGN KEY (actor_user_id) REFERENCES users (id)
) ENGINE=InnoDB;
