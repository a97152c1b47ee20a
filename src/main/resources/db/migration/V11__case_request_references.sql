-- Every case opening carries a reference made when it was asked for, so that an opening held
-- while the database was away, and sent again when it is back, opens the case once.
ALTER TABLE cases
  ADD COLUMN request_ref CHAR(36) NULL COMMENT 'the opening request this case came from' AFTER id,
  ADD UNIQUE KEY uk_cases_request_ref (request_ref);
