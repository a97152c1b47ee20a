-- Queue figures count the legs that joined in a period, across queues.
ALTER TABLE call_legs ADD KEY ix_call_legs_joined (joined_at, queue_name);
