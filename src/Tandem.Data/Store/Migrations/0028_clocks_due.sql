-- The daily digest for a date counts the clocks in warning then: only clocks due after that instant
-- can be, and of those only the ones not already final by it. Through this index that is a range
-- of the clocks due after the date whose stored state and its instant rule out the rest, instead
-- of every stored clock read (1.67 million at a million leads: 1.3 s a digest).
CREATE INDEX sla_clocks_due ON sla_clocks (due_at, state, state_since, started_at);
