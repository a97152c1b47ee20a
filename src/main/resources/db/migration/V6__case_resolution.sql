-- A closed case says how it was resolved.
ALTER TABLE cases ADD COLUMN resolution_code VARCHAR(32) NULL AFTER status;
