-- The audit trail: every event of every service, append-only and hash-chained.
-- Nothing here is ever updated or deleted; a trigger refuses it.
CREATE TABLE IF NOT EXISTS trail (
    position      bigserial PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    source        text        NOT NULL,
    type          text        NOT NULL,
    tenant_id     text        NOT NULL,
    complaint_id  uuid        NOT NULL,
    envelope      jsonb       NOT NULL,
    prev_hash     text        NOT NULL,
    hash          text        NOT NULL,
    appended_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS trail_by_complaint ON trail (complaint_id, position);

CREATE OR REPLACE FUNCTION trail_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END $$;
DROP TRIGGER IF EXISTS trail_append_only ON trail;
CREATE TRIGGER trail_append_only BEFORE UPDATE OR DELETE ON trail
    FOR EACH ROW EXECUTE FUNCTION trail_is_append_only();

-- The chain's head, locked by each appending transaction so the chain stays linear.
CREATE TABLE IF NOT EXISTS trail_head (
    id        integer PRIMARY KEY CHECK (id = 1),
    position  bigint NOT NULL,
    hash      text   NOT NULL
);
INSERT INTO trail_head (id, position, hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;

-- The case view, rebuilt from the trail for each complaint it touches.
CREATE TABLE IF NOT EXISTS case_views (
    complaint_id  uuid PRIMARY KEY,
    tenant_id     text        NOT NULL,
    view          jsonb       NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
