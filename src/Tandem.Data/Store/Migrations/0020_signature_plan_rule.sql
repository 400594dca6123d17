-- The rule the goals were worked out with when a signature was given (issue 19): 1, every
-- segment x lead type cell rounded up on its own (every signature before this migration); 2,
-- rounded once on the totals and shared out. The Agreement page says so on a version signed under 1.
ALTER TABLE agreement_signatures ADD COLUMN plan_rule INTEGER NOT NULL DEFAULT 1;
