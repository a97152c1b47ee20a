-- The wallboard lists today's abandoned calls, newest first: legs by outcome and the time they ended.
ALTER TABLE call_legs ADD KEY ix_call_legs_outcome_left (outcome, left_at);
