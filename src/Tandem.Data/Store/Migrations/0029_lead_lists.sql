-- Lists of leads (issue 21): the leads that entered the funnel's first stage in a period are read
-- from arrival_facts by day (and segment), the rows the pacing rollup sums, instead of every arrival.
CREATE INDEX arrival_facts_day ON arrival_facts (arrival_day, segment_key);

-- The handoff list's filters on a clock (its state now, its lead type) and a sales rep's own leads
-- join each of the period's handoffs to its clock and lead by key. These indexes hold what those
-- filters read, so the join stays in the index (dense, sorted like the facts' lead keys) instead of
-- fetching each clock's row with its transitions: at 1M leads the month's 80,000 clock rows were
-- most of the list's 8.5 s with a state filter. Search as a sales rep reads a candidate's clocks' reps here too.
CREATE INDEX sla_clocks_list ON sla_clocks (source, lead_id, episode, commitment, state, breached_at, next_at, lead_type_key, rep);
CREATE INDEX leads_owner ON leads (source, id, owner);
