-- Routing's own tables beside the common event store.
-- case_log: every event routing consumed or wrote for a complaint, in processing order:
-- the history its decider replays (the receipt and classification come from intake).
CREATE TABLE IF NOT EXISTS case_log (
    position      bigserial PRIMARY KEY,
    complaint_id  uuid  NOT NULL,
    event_id      uuid  NOT NULL UNIQUE,
    envelope      jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS case_log_by_complaint ON case_log (complaint_id, position);

-- Who holds and who handles each case: workload (rule 10) and GET /v1/staff/{id}/cases.
CREATE TABLE IF NOT EXISTS assignments (
    complaint_id  uuid PRIMARY KEY,
    tenant_id     text        NOT NULL,
    owner_kind    text,
    owner_id      text,
    handler_id    text,
    level         text,
    since         timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS assignments_owner ON assignments (tenant_id, owner_id);
CREATE INDEX IF NOT EXISTS assignments_handler ON assignments (tenant_id, handler_id);

-- Pending written transfers and when they expire (rule 6), fired by the transfer timer.
CREATE TABLE IF NOT EXISTS transfer_deadlines (
    complaint_id  uuid PRIMARY KEY,
    tenant_id     text        NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS transfer_deadlines_due ON transfer_deadlines (expires_at);
