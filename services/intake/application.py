"""Intake's use cases: each one loads what it needs, decides, and writes in one transaction."""

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from uuid import UUID

import asyncpg

from contracts.envelope import Actor
from contracts.tenant import TenantConfig
from runtime import eventstore
from runtime.ids import new_id
from runtime.metrics import EVENTS_APPENDED
from services.intake import metrics
from services.intake.domain.submission import ComplaintSubmission, receive


class IdempotencyConflict(Exception):
    """The same external id was submitted before with a different body."""


@dataclass(frozen=True)
class Accepted:
    response: dict
    replayed: bool


def key_digest(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


def request_digest(submission: ComplaintSubmission) -> str:
    return hashlib.sha256(submission.model_dump_json().encode()).hexdigest()


def pseudonym(key: bytes, submission: ComplaintSubmission) -> str | None:
    """A stable keyed hash of the complainant's normalised contact; links repeats, reveals nothing."""
    c = submission.complainant
    if c is None:
        return None
    ident = c.patient_ref or (c.phone and "".join(ch for ch in c.phone if ch.isdigit())) or (
        c.email and c.email.strip().lower())
    if not ident:
        return None
    return hmac.new(key, ident.encode(), hashlib.sha256).hexdigest()[:32]


async def authenticate(pool: asyncpg.Pool, api_key: str) -> str | None:
    return await pool.fetchval("SELECT tenant_id FROM tenants WHERE api_key_sha256 = $1", key_digest(api_key))


async def load_tenant(conn: asyncpg.Connection, tenant_id: str) -> tuple[TenantConfig, bytes] | None:
    row = await conn.fetchrow("SELECT config, pseudonym_key FROM tenants WHERE tenant_id = $1", tenant_id)
    if row is None:
        return None
    return TenantConfig.model_validate_json(row["config"]), bytes(row["pseudonym_key"])


async def apply_tenant(pool: asyncpg.Pool, config: TenantConfig, api_key: str) -> int:
    """Create or replace a tenant's organisation and API key; returns the stored version."""
    await pool.execute(
        "INSERT INTO tenants (tenant_id, api_key_sha256, config, config_version, pseudonym_key)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id) DO UPDATE SET api_key_sha256 = $2,"
        " config = $3, config_version = $4, updated_at = now()",
        config.tenant_id, key_digest(api_key), config.model_dump_json(), config.version, secrets.token_bytes(32),
    )
    return config.version


async def submit(pool: asyncpg.Pool, tenant_id: str, submission: ComplaintSubmission, correlation_id: UUID) -> Accepted:
    """Register a complaint once per (tenant, external id); a retry returns the first answer."""
    digest = request_digest(submission)
    async with pool.acquire() as conn, conn.transaction():
        previous = await conn.fetchrow(
            "SELECT request_sha256, response FROM submissions WHERE tenant_id = $1 AND external_id = $2 FOR UPDATE",
            tenant_id, submission.external_id,
        )
        if previous is not None:
            if previous["request_sha256"] != digest:
                raise IdempotencyConflict(submission.external_id)
            return Accepted(json.loads(previous["response"]), replayed=True)
        tenant, pseudonym_key = await load_tenant(conn, tenant_id)
        complaint_id = new_id()
        events = receive(submission, tenant, pseudonym(pseudonym_key, submission))
        now = datetime.now(timezone.utc)
        why = eventstore.Provenance(
            tenant_id=tenant_id, complaint_id=complaint_id, actor=Actor(kind="integration", id=tenant_id),
            correlation_id=correlation_id, causation_id=None, occurred_at=now,
        )
        await eventstore.append(conn, source="intake", expected_version=0, events=events, why=why, recorded_at=now)
        response = {"complaint_id": str(complaint_id), "status": "received",
                    "links": {"case": f"/v1/complaints/{complaint_id}"}}
        await conn.execute(
            "INSERT INTO submissions (tenant_id, external_id, complaint_id, request_sha256, response, text, complainant)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)",
            tenant_id, submission.external_id, complaint_id, digest, json.dumps(response), submission.text,
            submission.complainant.model_dump_json() if submission.complainant else None,
        )
    for event in events:
        EVENTS_APPENDED.labels("intake", event.EVENT_TYPE).inc()
    metrics.RECEIVED.labels(submission.branch_id, submission.channel).inc()
    metrics.CLASSIFIED.labels(events[1].level).inc()
    return Accepted(response, replayed=False)
