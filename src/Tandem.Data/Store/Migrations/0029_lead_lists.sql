-- Lists of leads (issue 21): the leads that entered the funnel's first stage in a period are read
-- from arrival_facts by day (and segment), the rows the pacing rollup sums, instead of every arrival.
CREATE INDEX arrival_facts_day ON arrival_facts (arrival_day, segment_key);
