"""Intake's use cases for registering complaints: each loads what it needs, decides with
the pure rules, and writes events, outbox, sealed personal parts and idempotency records
in one transaction. The HTTP edge and the inbound topic call the same `register`."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from uuid import UUID

import asyncpg

from contracts.envelope import Actor
from contracts.intake import RepeatClaimantPolicy
from contracts.tenant import TenantConfig
from runtime import eventstore
from runtime.db import advisory_key
from runtime.ids import new_id
from runtime.metrics import EVENTS_APPENDED
from services.intake import metrics, subjects
from services.intake.domain.record import ComplaintSubmission
from services.intake.domain.repeat_claimant import PriorDemand
from services.intake.domain.submission import check, money_kinds, receive
from services.intake.vault import Vault

SCOPE_COMPLAINTS = "complaints"


class IdempotencyConflict(Exception):
    """The same key (Idempotency-Key header or external_id) came before with a different body."""

    def __init__(self, which: str) -> None:
        super().__init__(which)
        self.which = which


class UnknownTenant(Exception):
    pass


@dataclass(frozen=True)
class Accepted:
    response: dict
    replayed: bool
    events: list = field(default_factory=list)
    branch_id: str = ""
    channel: str = ""


def key_digest(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


async def authenticate(pool_or_conn, api_key: str) -> str | None:
    return await pool_or_conn.fetchval("SELECT tenant_id FROM tenants WHERE api_key_sha256 = $1", key_digest(api_key))


async def load_tenant(conn: asyncpg.Connection, tenant_id: str) -> TenantConfig | None:
    raw = await conn.fetchval("SELECT config FROM tenants WHERE tenant_id = $1", tenant_id)
    return TenantConfig.model_validate_json(raw) if raw is not None else None


def repeat_policy(tenant: TenantConfig) -> RepeatClaimantPolicy:
    return tenant.repeat_claimant


async def apply_tenant(pool: asyncpg.Pool, config: TenantConfig, api_key: str | None) -> int | None:
    """Create or replace a tenant's organisation and API key, or (no key) only its
    organisation; returns the stored version, None for an unknown tenant without a key."""
    if api_key is None:
        updated = await pool.fetchval(
            "UPDATE tenants SET config = $2, config_version = $3, updated_at = now() WHERE tenant_id = $1"
            " RETURNING config_version", config.tenant_id, config.model_dump_json(), config.version)
        return updated
    await pool.execute(
        "INSERT INTO tenants (tenant_id, api_key_sha256, config, config_version) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (tenant_id) DO UPDATE SET api_key_sha256 = $2, config = $3, config_version = $4,"
        " updated_at = now()",
        config.tenant_id, key_digest(api_key), config.model_dump_json(), config.version,
    )
    return config.version


def request_digest(vault: Vault, tenant_id: str, body: ComplaintSubmission) -> str:
    """Keyed, so the stored digest cannot be used to confirm a guess of the personal data."""
    return vault.keyed_hash(tenant_id, "request/" + body.model_dump_json())


async def remembered(conn, tenant_id: str, scope: str, key: str | None, digest: str) -> dict | None:
    """The first answer given under an Idempotency-Key, or None; a different body is a conflict."""
    if key is None:
        return None
    await conn.execute("SELECT pg_advisory_xact_lock($1)", advisory_key(f"idem:{tenant_id}:{scope}:{key}"))
    row = await conn.fetchrow("SELECT request_sha256, response FROM idempotency_keys WHERE tenant_id = $1"
                              " AND scope = $2 AND key = $3", tenant_id, scope, key)
    if row is None:
        return None
    if row["request_sha256"] != digest:
        raise IdempotencyConflict("Idempotency-Key")
    return json.loads(row["response"])


async def remember(conn, tenant_id: str, scope: str, key: str | None, digest: str, response: dict) -> None:
    if key is not None:
        await conn.execute(
            "INSERT INTO idempotency_keys (tenant_id, scope, key, request_sha256, status, response)"
            " VALUES ($1, $2, $3, $4, 202, $5) ON CONFLICT DO NOTHING",
            tenant_id, scope, key, digest, json.dumps(response))


async def register(conn: asyncpg.Connection, vault: Vault, tenant_id: str, submission: ComplaintSubmission, *,
                   idempotency_key: str | None, correlation_id: UUID, actor: Actor) -> Accepted:
    """Register a complaint once per (tenant, external id) and per Idempotency-Key. Call in a transaction."""
    digest = request_digest(vault, tenant_id, submission)
    if (first := await remembered(conn, tenant_id, SCOPE_COMPLAINTS, idempotency_key, digest)) is not None:
        return Accepted(first, replayed=True)
    await conn.execute("SELECT pg_advisory_xact_lock($1)", advisory_key(f"ext:{tenant_id}:{submission.external_id}"))
    previous = await conn.fetchrow("SELECT request_sha256, response FROM submissions WHERE tenant_id = $1"
                                   " AND external_id = $2", tenant_id, submission.external_id)
    if previous is not None:
        if previous["request_sha256"] != digest:
            raise IdempotencyConflict("external_id")
        response = json.loads(previous["response"])
        await remember(conn, tenant_id, SCOPE_COMPLAINTS, idempotency_key, digest, response)
        return Accepted(response, replayed=True)
    tenant = await load_tenant(conn, tenant_id)
    if tenant is None:
        raise UnknownTenant(tenant_id)
    branch, parties = check(submission, tenant)
    complaint_id = new_id()
    complainant_key = await subjects.key_for(conn, vault, tenant_id, parties.complainant)
    subject_ref = complainant_key.subject_ref
    prior = await prior_demands(conn, tenant_id, subject_ref)
    events = receive(submission, branch, subject_ref=subject_ref, prior_demands=prior, policy=repeat_policy(tenant),
                     text_digest=vault.text_digest(complainant_key.key, submission.text))
    now = datetime.now(timezone.utc)
    why = eventstore.Provenance(tenant_id=tenant_id, complaint_id=complaint_id, actor=actor,
                                correlation_id=correlation_id, causation_id=None, occurred_at=now)
    await eventstore.append(conn, source="intake", expected_version=0, events=events, why=why, recorded_at=now)
    await _seal_parts(conn, vault, tenant_id, complaint_id, submission, parties, complainant_key)
    if subject_ref is not None and (kinds := money_kinds(events)):
        await conn.execute("INSERT INTO subject_demands (complaint_id, tenant_id, subject_ref, branch_id, received_at,"
                           " kinds) VALUES ($1, $2, $3, $4, $5, $6)", complaint_id, tenant_id, subject_ref, branch.id,
                           submission.received_at, sorted(kinds))
    response = {"complaint_id": str(complaint_id), "status": "received", "subject_ref": subject_ref,
                "links": {"case": f"/v1/complaints/{complaint_id}",
                          "registration": f"/v1/complaints/{complaint_id}/registration"}}
    await conn.execute("INSERT INTO submissions (tenant_id, external_id, complaint_id, request_sha256, response,"
                       " subject_ref) VALUES ($1, $2, $3, $4, $5, $6)", tenant_id, submission.external_id,
                       complaint_id, digest, json.dumps(response), subject_ref)
    await remember(conn, tenant_id, SCOPE_COMPLAINTS, idempotency_key, digest, response)
    return Accepted(response, replayed=False, events=events, branch_id=branch.id, channel=submission.channel)


async def _seal_parts(conn, vault: Vault, tenant_id: str, complaint_id: UUID, submission: ComplaintSubmission,
                      parties, complainant_key: subjects.SubjectKey) -> None:
    personal = {"text": submission.text,
                "complainant": submission.complainant.model_dump(mode="json") if submission.complainant else None,
                "demands": [d.model_dump(mode="json") for d in submission.demands],
                "attachments": [a.model_dump(mode="json") for a in submission.attachments]}
    await subjects.seal_part(conn, vault, tenant_id, complaint_id, "complainant", complainant_key, personal)
    if submission.representative is not None:
        key = (await subjects.key_for(conn, vault, tenant_id, parties.representative)
               if parties.representative else complainant_key)
        await subjects.seal_part(conn, vault, tenant_id, complaint_id, "representative", key,
                                 submission.representative.model_dump(mode="json"))


async def prior_demands(conn, tenant_id: str, subject_ref: str | None) -> list[PriorDemand]:
    if subject_ref is None:
        return []
    rows = await conn.fetch("SELECT branch_id, received_at, kinds FROM subject_demands WHERE tenant_id = $1"
                            " AND subject_ref = $2 ORDER BY received_at", tenant_id, subject_ref)
    return [PriorDemand(r["branch_id"], r["received_at"], frozenset(r["kinds"])) for r in rows]


def count(accepted: Accepted) -> None:
    """Metrics for a newly registered complaint (call after the transaction committed)."""
    if accepted.replayed:
        return
    for event in accepted.events:
        EVENTS_APPENDED.labels("intake", event.EVENT_TYPE).inc()
    metrics.RECEIVED.labels(accepted.branch_id, accepted.channel).inc()
    metrics.CLASSIFIED.labels(accepted.events[1].level).inc()
    if "repeat_claimant" in accepted.events[1].flags:
        metrics.REPEAT_CLAIMANTS.labels(accepted.branch_id).inc()
