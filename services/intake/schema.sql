-- Intake's own tables (beside the common event store). Personal data lives only here, and
-- only sealed: each complaint's personal part is encrypted under its data subject's key,
-- and subject keys are stored wrapped by the master key from the environment.
CREATE TABLE IF NOT EXISTS tenants (
    tenant_id       text PRIMARY KEY,
    api_key_sha256  text        NOT NULL UNIQUE,
    config          jsonb       NOT NULL,
    config_version  integer     NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- Pseudonyms are now keyed by REDRESS_PSEUDONYM_KEY, never by a key kept beside the data.
ALTER TABLE tenants DROP COLUMN IF EXISTS pseudonym_key;

-- One row per registered complaint: the idempotency record on the tenant's external id.
CREATE TABLE IF NOT EXISTS submissions (
    tenant_id       text        NOT NULL,
    external_id     text        NOT NULL,
    complaint_id    uuid        NOT NULL UNIQUE,
    request_sha256  text        NOT NULL,  -- keyed digest of the request (HMAC), not of the text alone
    response        jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, external_id)
);
-- Earlier versions kept the text and contact in the clear: drop them.
ALTER TABLE submissions DROP COLUMN IF EXISTS text;
ALTER TABLE submissions DROP COLUMN IF EXISTS complainant;
ALTER TABLE submissions ADD COLUMN IF NOT EXISTS subject_ref text;

-- Idempotency-Key header values, per tenant and operation; a retry returns `response`.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    tenant_id       text        NOT NULL,
    scope           text        NOT NULL,
    key             text        NOT NULL,
    request_sha256  text        NOT NULL,
    status          integer     NOT NULL,
    response        jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, scope, key)
);

-- A key per data subject (or per complaint when nobody identifiable is named).
-- Erasure sets `wrapped_key` to NULL: what it sealed can never be opened again.
CREATE TABLE IF NOT EXISTS subject_keys (
    key_id       uuid PRIMARY KEY,
    tenant_id    text        NOT NULL,
    subject_ref  text,
    wrapped_key  bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    erased_at    timestamptz,
    CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
CREATE UNIQUE INDEX IF NOT EXISTS subject_keys_subject ON subject_keys (tenant_id, subject_ref)
    WHERE subject_ref IS NOT NULL;

-- Keyed digests of every normalised identifier (patient ref, phone, e-mail) -> its subject,
-- so a later complaint giving only the e-mail links to the same person. Deleted on erasure.
CREATE TABLE IF NOT EXISTS subject_identifiers (
    tenant_id    text NOT NULL,
    digest       text NOT NULL,
    subject_ref  text NOT NULL,
    PRIMARY KEY (tenant_id, digest)
);
CREATE INDEX IF NOT EXISTS subject_identifiers_subject ON subject_identifiers (tenant_id, subject_ref);

-- The sealed personal parts of each complaint: `complainant` (text, contact, demands'
-- notes, attachments) and `representative`, each under its own subject's key.
CREATE TABLE IF NOT EXISTS record_parts (
    complaint_id  uuid  NOT NULL,
    part          text  NOT NULL,
    key_id        uuid  NOT NULL REFERENCES subject_keys (key_id),
    sealed        bytea NOT NULL,
    PRIMARY KEY (complaint_id, part)
);
CREATE INDEX IF NOT EXISTS record_parts_key ON record_parts (key_id);

-- Refund/compensation demands per subject: the history the repeat-claimant rule reads.
CREATE TABLE IF NOT EXISTS subject_demands (
    complaint_id  uuid PRIMARY KEY,
    tenant_id     text        NOT NULL,
    subject_ref   text        NOT NULL,
    branch_id     text        NOT NULL,
    received_at   timestamptz NOT NULL,
    kinds         text[]      NOT NULL
);
CREATE INDEX IF NOT EXISTS subject_demands_subject ON subject_demands (tenant_id, subject_ref, received_at);

-- Dead letters of the inbound topic: the value is sealed (it holds personal data in the
-- clear as the integration sent it), the credentials header is redacted.
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS tenant_id text;
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS sealed boolean NOT NULL DEFAULT false;
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS published_at timestamptz;
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS resubmitted_at timestamptz;
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS complaint_id uuid;
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX IF NOT EXISTS dead_letters_source ON dead_letters (topic, partition, "offset")
    WHERE partition IS NOT NULL;
CREATE INDEX IF NOT EXISTS dead_letters_unpublished ON dead_letters (id) WHERE published_at IS NULL;
