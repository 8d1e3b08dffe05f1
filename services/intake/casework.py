"""Intake's use cases after registration: a person's reclassification, a data subject's
erasure, and the registration view (the record as registered, or "erased")."""

from datetime import datetime, timezone
from uuid import UUID

import asyncpg

from contracts.envelope import Actor
from contracts.intake import SubjectErased
from runtime import eventstore
from runtime.metrics import EVENTS_APPENDED
from services.intake import application, metrics, subjects
from services.intake.domain.identifiers import Identifier, InvalidIdentifier, identifiers_of
from services.intake.domain.reclassification import Reclassification, current_classification, decide
from services.intake.vault import Vault

SCOPE_RECLASSIFICATION = "reclassification"
RETRIES = 3


class NotFound(Exception):
    pass


async def _stream_of(conn, tenant_id: str, complaint_id: UUID) -> list:
    owner = await conn.fetchval("SELECT tenant_id FROM submissions WHERE complaint_id = $1", complaint_id)
    if owner != tenant_id:
        raise NotFound(str(complaint_id))  # another tenant's complaint does not exist for this one
    return await eventstore.load_stream(conn, complaint_id)


async def reclassify(pool: asyncpg.Pool, vault: Vault, tenant_id: str, complaint_id: UUID, command: Reclassification,
                     *, idempotency_key: str | None, correlation_id: UUID) -> tuple[dict, bool]:
    """Record ComplaintReclassified; returns (answer, replayed)."""
    digest = vault.keyed_hash(tenant_id, f"reclassify/{complaint_id}/{command.model_dump_json()}")
    scope = f"{SCOPE_RECLASSIFICATION}:{complaint_id}"
    for attempt in range(RETRIES):
        try:
            async with pool.acquire() as conn, conn.transaction():
                if (first := await application.remembered(conn, tenant_id, scope, idempotency_key, digest)):
                    return first, True
                history = await _stream_of(conn, tenant_id, complaint_id)
                tenant = await application.load_tenant(conn, tenant_id)
                event = decide(history, command, tenant)
                now = datetime.now(timezone.utc)
                why = eventstore.Provenance(tenant_id=tenant_id, complaint_id=complaint_id,
                                            actor=Actor(kind="staff", id=command.by), correlation_id=correlation_id,
                                            causation_id=history[-1].event_id, occurred_at=now)
                [env] = await eventstore.append(conn, source="intake", expected_version=len(history), events=[event],
                                                why=why, recorded_at=now)
                answer = {"complaint_id": str(complaint_id), "level": event.level,
                          "previous_level": event.previous_level, "event_id": str(env.event_id),
                          "stream_version": env.stream_version}
                await application.remember(conn, tenant_id, scope, idempotency_key, digest, answer)
            EVENTS_APPENDED.labels("intake", event.EVENT_TYPE).inc()
            metrics.RECLASSIFIED.labels(event.level).inc()
            return answer, False
        except eventstore.ConcurrencyConflict:
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def contact_identifiers(*, patient_ref: str | None, phone: str | None, email: str | None,
                        countries: set[str]) -> set[Identifier]:
    """Every canonical form the contact could have been registered under (a phone without a
    country code is read in each of the chain's countries)."""
    found: set[Identifier] = set()
    for country in sorted(countries) or ["ZZ"]:
        try:
            found |= set(identifiers_of(patient_ref=patient_ref, phone=phone, email=email, country=country))
        except InvalidIdentifier:
            found |= set(identifiers_of(patient_ref=patient_ref, phone=None, email=email, country=country))
    return found


async def subjects_by_contact(pool: asyncpg.Pool, vault: Vault, tenant_id: str, **contact) -> list[str]:
    async with pool.acquire() as conn:
        tenant = await application.load_tenant(conn, tenant_id)
        ids = contact_identifiers(countries={b.country for b in tenant.branches}, **contact)
        return await subjects.subjects_for(conn, vault, tenant_id, tuple(sorted(ids, key=Identifier.canonical)))


async def erase(pool: asyncpg.Pool, tenant_id: str, subject_ref: str, *, actor: Actor, correlation_id: UUID) -> dict:
    """Destroy the subject's key and record SubjectErased on every complaint that held their data."""
    for attempt in range(RETRIES):
        try:
            async with pool.acquire() as conn, conn.transaction():
                erased = await subjects.erase(conn, tenant_id, subject_ref)
                if erased is None:
                    raise NotFound(subject_ref)
                now = datetime.now(timezone.utc)
                for complaint_id, part in erased.parts:
                    history = await eventstore.load_stream(conn, complaint_id)
                    why = eventstore.Provenance(tenant_id=tenant_id, complaint_id=complaint_id, actor=actor,
                                                correlation_id=correlation_id, causation_id=None, occurred_at=now)
                    await eventstore.append(conn, source="intake", expected_version=len(history), why=why,
                                            recorded_at=now, events=[SubjectErased(subject_ref=subject_ref, role=part)])
            complaints = sorted({str(c) for c, _ in erased.parts})
            EVENTS_APPENDED.labels("intake", SubjectErased.EVENT_TYPE).inc(len(erased.parts))
            metrics.ERASURES.inc()
            return {"subject_ref": subject_ref, "erased_at": now.isoformat(), "complaints": complaints}
        except eventstore.ConcurrencyConflict:
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


async def registration(pool: asyncpg.Pool, vault: Vault, tenant_id: str, complaint_id: UUID) -> dict:
    """The record as registered; personal parts read "erased" once their subject's key is gone."""
    async with pool.acquire() as conn:
        history = await _stream_of(conn, tenant_id, complaint_id)
        parts = await subjects.open_parts(conn, vault, tenant_id, complaint_id)
    received = next(e.payload for e in history if e.type == "ComplaintReceived")
    personal = parts.get("complainant")
    erased = sorted(part for part, content in parts.items() if content is None)
    return {
        "complaint_id": str(complaint_id), "external_id": received["external_id"], "channel": received["channel"],
        "branch_id": received["branch"]["branch_id"], "received_at": received["received_at"],
        "received_by": received.get("received_by"), "concerned_department": received.get("concerned_department"),
        "concerned_staff": received.get("concerned_staff", []), "subject_ref": received.get("subject_ref"),
        "personal_data": "erased" if erased else "available", "erased_parts": erased,
        "text": personal["text"] if personal else None,
        "complainant": personal["complainant"] if personal else None,
        "demands": personal["demands"] if personal else [{"kind": k} for k in received.get("demands", [])],
        "attachments": personal["attachments"] if personal else None,
        "representative": parts.get("representative"),
        "representative_present": received.get("representative_present", False),
        "classification": current_classification(history),
        "timeline": [{"type": e.type, "occurred_at": e.occurred_at.isoformat(), "actor": e.actor.model_dump()}
                     for e in history],
    }
