-- The screen pop lists an account's latest cases whatever their status.
ALTER TABLE cases ADD KEY ix_cases_account_recent (account_id, created_at);
