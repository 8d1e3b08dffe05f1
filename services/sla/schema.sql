-- SLA's own tables. `received` keeps the facts of receipt the clocks are computed from;
-- `clocks` is the durable timer: a projection of DeadlineSet/DeadlineBreached, written in
-- the same transaction as those events, scanned only through the partial due-time index.
CREATE TABLE IF NOT EXISTS received (
    complaint_id  uuid PRIMARY KEY,
    envelope      jsonb NOT NULL
);

-- The classification's categories and flags, which a later reclassification may leave as they are.
CREATE TABLE IF NOT EXISTS classified (
    complaint_id  uuid PRIMARY KEY,
    categories    text[] NOT NULL,
    flags         text[] NOT NULL
);

CREATE TABLE IF NOT EXISTS clocks (
    complaint_id    uuid        NOT NULL,
    clock           text        NOT NULL,
    tenant_id       text        NOT NULL,
    correlation_id  uuid        NOT NULL,
    due_at          timestamptz NOT NULL,
    state           text        NOT NULL,
    PRIMARY KEY (complaint_id, clock)
);
CREATE INDEX IF NOT EXISTS clocks_running_due ON clocks (due_at) WHERE state = 'running';
