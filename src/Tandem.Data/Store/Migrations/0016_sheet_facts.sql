-- Sheet facts: what the tracking sheet and recalibration read, derived per lead at write time
-- (SheetFacts) so that a period's sheet reads its months' rollup rows instead of every lead, stage
-- change and deal. They hold for one set of the agreement's terms (funnel, zone, currency, which
-- lead types are marketing's), whose hash service_state keeps as 'sheet_facts_terms'; the readers
-- use them only under those terms, and read the raw records otherwise.
--
-- A group is a segment and a lead type exactly as recorded (the sheet groups by them) and whether it
-- is marketing's: segment and lead_type hold '' when none, and flags says which were given
-- (1 segment, 2 lead type), 4 when the group is marketing's, 8 for deals without a counted lead
-- (no lead id, or a lead never stored). Months count from year 0 (year * 12 + month - 1) of the
-- date in the agreement's zone; periods are whole months, so a period is a range of months.
-- Money is ten-thousandths (_e4) as everywhere; cycles are whole seconds from the lead's creation
-- to its first won deal's close.

-- One row per lead neither deleted nor merged away that enters the sheet: its cohort month (when it
-- entered the funnel's first stage; NULL when never), how many of the funnel's stages it reached
-- (depth: reaching a stage counts every earlier one, and a customer reached them all and Customer),
-- whether it is a customer, priced (every won deal has an amount) and still open, the revenue of
-- its won deals when priced, and its cycle and first win month when it has a won deal with a close.
CREATE TABLE sheet_lead_facts (
    source        TEXT   NOT NULL,
    lead_id       TEXT   NOT NULL,
    segment       TEXT   NOT NULL,
    lead_type     TEXT   NOT NULL,
    flags         BIGINT NOT NULL,
    cohort_month  BIGINT,
    depth         BIGINT NOT NULL,
    customer      BIGINT NOT NULL,
    priced        BIGINT NOT NULL,
    still_open    BIGINT NOT NULL,
    revenue_e4    BIGINT NOT NULL,
    cycle_seconds BIGINT NOT NULL,
    win_month     BIGINT,
    PRIMARY KEY (source, lead_id)
){without_rowid};

-- One row per deal, under the lead whose refresh wrote it (owner: the lead it counts for, else its
-- own lead id, '' when it has none), so a deal moved to another lead is found and taken from the
-- first. other_currency: in another currency than the agreement's (only counted, and said so).
-- won_month: the month a won deal closed, when it counts for the revenue by close, with its group
-- and amount (NULL: unknown).
CREATE TABLE sheet_deal_facts (
    source         TEXT   NOT NULL,
    deal_id        TEXT   NOT NULL,
    owner          TEXT   NOT NULL,
    other_currency BIGINT NOT NULL,
    won_month      BIGINT,
    segment        TEXT   NOT NULL,
    lead_type      TEXT   NOT NULL,
    flags          BIGINT NOT NULL,
    amount_e4      BIGINT,
    PRIMARY KEY (source, deal_id)
);
-- A rowid table on purpose: WITHOUT ROWID, SQLite (with no statistics) answered "source = ? AND
-- owner = ?" by scanning the source's whole primary key rather than this index, 9 ms a lead at 1M.
CREATE INDEX sheet_deal_facts_owner ON sheet_deal_facts (source, owner);

-- The cohort rollup: per month, group and depth, the sums of sheet_lead_facts' figures. Clustered
-- by month on SQLite, so a period is one sequential range.
CREATE TABLE sheet_cohort_monthly (
    cohort_month     BIGINT NOT NULL,
    segment          TEXT   NOT NULL,
    lead_type        TEXT   NOT NULL,
    flags            BIGINT NOT NULL,
    depth            BIGINT NOT NULL,
    leads            BIGINT NOT NULL,
    customers        BIGINT NOT NULL,
    priced_customers BIGINT NOT NULL,
    still_open       BIGINT NOT NULL,
    revenue_e4       BIGINT NOT NULL,
    cycle_seconds    BIGINT NOT NULL,
    PRIMARY KEY (cohort_month, segment, lead_type, flags, depth)
){without_rowid};

-- The close rollup: per month and group, the won deals closed (their known amounts and how many had
-- none) and the leads whose first win closed then (for the measured sales cycle).
CREATE TABLE sheet_won_monthly (
    won_month               BIGINT NOT NULL,
    segment                 TEXT   NOT NULL,
    lead_type               TEXT   NOT NULL,
    flags                   BIGINT NOT NULL,
    won_deals               BIGINT NOT NULL,
    revenue_e4              BIGINT NOT NULL,
    unpriced_deals          BIGINT NOT NULL,
    first_wins              BIGINT NOT NULL,
    first_win_cycle_seconds BIGINT NOT NULL,
    PRIMARY KEY (won_month, segment, lead_type, flags)
){without_rowid};

-- Finding the deals changed since a watermark (deals_updated) is migration 0015's.
