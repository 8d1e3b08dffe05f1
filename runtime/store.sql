-- Storage every service keeps in its own schema: event store, outbox, inbox, dead letters.
CREATE TABLE IF NOT EXISTS events (
    position        bigserial PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    complaint_id    uuid        NOT NULL,
    stream_version  integer     NOT NULL,
    type            text        NOT NULL,
    envelope        jsonb       NOT NULL,
    UNIQUE (complaint_id, stream_version)  -- optimistic concurrency
);

-- Written in the same transaction as the events; the relay publishes and marks them.
CREATE TABLE IF NOT EXISTS outbox (
    position      bigint PRIMARY KEY REFERENCES events (position),
    published_at  timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (position) WHERE published_at IS NULL;

-- Every consumed event id, recorded in the same transaction as its effect.
CREATE TABLE IF NOT EXISTS inbox (
    event_id      uuid PRIMARY KEY,
    source        text        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);

-- Messages that could not be read, kept whole with the reason.
CREATE TABLE IF NOT EXISTS dead_letters (
    id           bigserial PRIMARY KEY,
    topic        text        NOT NULL,
    partition    integer,
    "offset"     bigint,
    key          bytea,
    value        bytea,
    headers      jsonb       NOT NULL DEFAULT '[]',
    reason       text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

-- The tenant organisation files applied to this service (runtime/organisations.py).
CREATE TABLE IF NOT EXISTS organisations (
    tenant_id   text PRIMARY KEY,
    version     integer     NOT NULL,
    config      jsonb       NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);
