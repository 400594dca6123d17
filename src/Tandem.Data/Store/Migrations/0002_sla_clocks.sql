-- SLA clocks: derived from leads, stage changes, touches, reps and the agreements, and rebuilt
-- from them at any time (tandem sla refresh). One row per lead, handoff (episode) and commitment.
-- next_at is the instant of the clock's next change of state, so finding the clocks due is an
-- index range scan however many leads are open; NULL when the clock is final or waits on a touch.
CREATE TABLE sla_clocks (
    source       TEXT   NOT NULL,
    lead_id      TEXT   NOT NULL,
    episode      BIGINT NOT NULL,
    commitment   TEXT   NOT NULL,
    agreement_id BIGINT,
    rule         TEXT   NOT NULL,
    rep          TEXT   NOT NULL,
    started_at   BIGINT NOT NULL,
    due_at       BIGINT NOT NULL,
    state        TEXT   NOT NULL,
    state_since  BIGINT NOT NULL,
    next_at      BIGINT,
    transitions  TEXT   NOT NULL,
    computed_at  BIGINT NOT NULL,
    PRIMARY KEY (source, lead_id, episode, commitment)
);
CREATE INDEX sla_clocks_next ON sla_clocks (next_at);
CREATE INDEX sla_clocks_state_due ON sla_clocks (state, due_at);

-- Every change of state a clock went through (warning, breached, met, stopped, cancelled), once,
-- with when it happened and when Tandem recorded it; the reports and notifications read these.
CREATE TABLE sla_events (
    id          {identity},
    source      TEXT   NOT NULL,
    lead_id     TEXT   NOT NULL,
    episode     BIGINT NOT NULL,
    commitment  TEXT   NOT NULL,
    state       TEXT   NOT NULL,
    at          BIGINT NOT NULL,
    step        BIGINT NOT NULL,
    rule        TEXT   NOT NULL,
    rep         TEXT   NOT NULL,
    recorded_at BIGINT NOT NULL,
    UNIQUE (source, lead_id, episode, commitment, state, at)
);
CREATE INDEX sla_events_at ON sla_events (at);
