-- Intake's own tables (beside the common event store). The complaint text and the
-- complainant's contact stay here and never travel in events.
CREATE TABLE IF NOT EXISTS tenants (
    tenant_id       text PRIMARY KEY,
    api_key_sha256  text        NOT NULL UNIQUE,
    config          jsonb       NOT NULL,
    config_version  integer     NOT NULL,
    pseudonym_key   bytea       NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS submissions (
    tenant_id       text        NOT NULL,
    external_id     text        NOT NULL,
    complaint_id    uuid        NOT NULL UNIQUE,
    request_sha256  text        NOT NULL,
    response        jsonb       NOT NULL,
    text            text        NOT NULL,
    complainant     jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, external_id)
);
