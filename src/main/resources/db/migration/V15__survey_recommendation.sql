-- The survey page also asks how likely the customer is to recommend us (0–10, optional: NULL when
-- not answered). A link expires Surveys.LINK_LIFETIME after sent_at, so no expiry column is needed.
ALTER TABLE csat_surveys
  ADD COLUMN nps TINYINT UNSIGNED NULL AFTER score,
  ADD CONSTRAINT ck_csat_nps CHECK (nps IS NULL OR nps <= 10);
