"""Routing's use cases. Each loads the complaint's case log (everything routing consumed or
wrote for it, in order), the tenant's organisation and the current workload, lets the
decider decide, and records the decision, the case log and the assignments together."""

import asyncio
import hashlib
import logging
from datetime import datetime, timezone
from uuid import UUID

import asyncpg

from contracts.envelope import Actor, Envelope
from contracts.events import Event
from contracts.routing import OrganisationApplied
from contracts.tenant import TenantConfig, organisation_stream
from runtime import eventstore
from runtime.http import current_correlation_id
from runtime.logs import log
from runtime.metrics import EVENTS_APPENDED
from runtime.organisations import OrganisationUnknown, load
from services.routing.domain.case import RoutingCase, replay
from services.routing.domain.commands import Command
from services.routing.domain.decider import decide, decide_from_stream, on_transfer_timeout

logger = logging.getLogger(__name__)

CONSUMED = {"ComplaintReceived", "ComplaintClassified", "ComplaintReclassified", "DeadlineBreached"}
TICK_SECONDS = 1.0


class UnknownComplaint(LookupError):
    pass


async def case_log(conn: asyncpg.Connection, complaint_id: UUID) -> list[Envelope]:
    rows = await conn.fetch("SELECT envelope FROM case_log WHERE complaint_id = $1 ORDER BY position", complaint_id)
    return [Envelope.model_validate_json(r["envelope"]) for r in rows]


async def lock_case(conn: asyncpg.Connection, complaint_id: UUID) -> None:
    """One decision at a time per complaint, whether it comes from Kafka, HTTP or the timer."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", str(complaint_id))


async def workload(conn: asyncpg.Connection, tenant_id: str) -> dict[str, int]:
    rows = await conn.fetch(
        "SELECT staff_id, count(*) AS n FROM (SELECT owner_id AS staff_id FROM assignments WHERE tenant_id = $1"
        " AND owner_kind = 'staff' UNION ALL SELECT handler_id FROM assignments WHERE tenant_id = $1"
        " AND handler_id IS NOT NULL) held GROUP BY staff_id", tenant_id)
    return {r["staff_id"]: r["n"] for r in rows}


async def _log(conn: asyncpg.Connection, envelopes: list[Envelope]) -> None:
    for env in envelopes:
        await conn.execute("INSERT INTO case_log (complaint_id, event_id, envelope) VALUES ($1, $2, $3)"
                           " ON CONFLICT (event_id) DO NOTHING", env.complaint_id, env.event_id, env.model_dump_json())


async def _record(conn: asyncpg.Connection, history: list[Envelope], events: list[Event],
                  why: eventstore.Provenance, now: datetime) -> RoutingCase:
    """Append routing's events, log them, and bring assignments and transfer timers in line."""
    if events:
        own = await conn.fetchval("SELECT count(*) FROM events WHERE complaint_id = $1", why.complaint_id)
        written = await eventstore.append(conn, source="routing", expected_version=own, events=events, why=why,
                                          recorded_at=now)
        await _log(conn, written)
        history = history + written
        for event in events:
            EVENTS_APPENDED.labels("routing", event.EVENT_TYPE).inc()
    state = replay(history)
    await conn.execute(
        "INSERT INTO assignments (complaint_id, tenant_id, owner_kind, owner_id, handler_id, level, since)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (complaint_id) DO UPDATE SET owner_kind = $3,"
        " owner_id = $4, handler_id = $5, level = $6, since = $7, updated_at = now()",
        why.complaint_id, why.tenant_id, state.owner.kind if state.owner else None,
        state.owner.id if state.owner else None, state.handler, state.level,
        state.custody[-1].since if state.custody else None,
    )
    if state.pending_transfer is not None:
        await conn.execute(
            "INSERT INTO transfer_deadlines (complaint_id, tenant_id, expires_at) VALUES ($1, $2, $3)"
            " ON CONFLICT (complaint_id) DO UPDATE SET expires_at = $3",
            why.complaint_id, why.tenant_id, state.pending_transfer.expires_at)
    else:
        await conn.execute("DELETE FROM transfer_deadlines WHERE complaint_id = $1", why.complaint_id)
    return state


async def handle(conn: asyncpg.Connection, envelope: Envelope, now: datetime) -> str:
    if envelope.type not in CONSUMED:
        return "ignored"
    try:
        org = await load(conn, envelope.tenant_id)
    except OrganisationUnknown:
        await asyncio.sleep(1.0)  # the organisation is being applied; the batch is retried
        raise
    await lock_case(conn, envelope.complaint_id)
    history = await case_log(conn, envelope.complaint_id)
    events = decide_from_stream(history, envelope, org, now, await workload(conn, envelope.tenant_id))
    await _log(conn, [envelope])
    why = eventstore.Provenance(
        tenant_id=envelope.tenant_id, complaint_id=envelope.complaint_id, actor=Actor(kind="service", id="routing"),
        correlation_id=envelope.correlation_id, causation_id=envelope.event_id, occurred_at=now,
    )
    await _record(conn, history + [envelope], events, why, now)
    return "processed"


async def apply_command(pool: asyncpg.Pool, tenant_id: str, complaint_id: UUID, command: Command,
                        correlation_id: UUID, now: datetime) -> list[str]:
    """A staff member's routing command; raises UnknownComplaint, OrganisationUnknown or CommandRejected."""
    async with pool.acquire() as conn, conn.transaction():
        await lock_case(conn, complaint_id)
        history = await case_log(conn, complaint_id)
        if not history or history[0].tenant_id != tenant_id:
            raise UnknownComplaint(complaint_id)
        org = await load(conn, tenant_id)
        events = decide(replay(history), command, org, now, await workload(conn, tenant_id))
        why = eventstore.Provenance(
            tenant_id=tenant_id, complaint_id=complaint_id, actor=Actor(kind="staff", id=command.by),
            correlation_id=correlation_id, causation_id=history[-1].event_id, occurred_at=now,
        )
        await _record(conn, history, events, why, now)
    return [e.EVENT_TYPE for e in events]


async def cases_held_by(pool: asyncpg.Pool, tenant_id: str, staff_id: str) -> list[dict]:
    rows = await pool.fetch(
        "SELECT complaint_id, owner_id, handler_id, level, since FROM assignments WHERE tenant_id = $1"
        " AND (owner_id = $2 OR handler_id = $2) ORDER BY since NULLS LAST, complaint_id", tenant_id, staff_id)
    return [{"complaint_id": str(r["complaint_id"]), "as": "owner" if r["owner_id"] == staff_id else "handler",
             "level": r["level"], "since": r["since"].isoformat() if r["since"] else None} for r in rows]


async def expire_transfers(pool: asyncpg.Pool, now: datetime) -> int:
    """Rule 6: a transfer nobody accepted in time escalates. Safe with several instances."""
    async with pool.acquire() as conn, conn.transaction():
        due = await conn.fetch("SELECT complaint_id, tenant_id FROM transfer_deadlines WHERE expires_at <= $1"
                               " ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED", now)
        for row in due:
            await lock_case(conn, row["complaint_id"])
            history = await case_log(conn, row["complaint_id"])
            org = await load(conn, row["tenant_id"])
            events = on_transfer_timeout(replay(history), org, now, await workload(conn, row["tenant_id"]))
            why = eventstore.Provenance(
                tenant_id=row["tenant_id"], complaint_id=row["complaint_id"], actor=Actor(kind="service", id="routing"),
                correlation_id=history[0].correlation_id, causation_id=history[-1].event_id, occurred_at=now,
            )
            await _record(conn, history, events, why, now)
    return len(due)


async def transfer_timer(rt) -> None:
    while not rt.stop.is_set():
        try:
            await expire_transfers(rt.pool, datetime.now(timezone.utc))
        except (OSError, asyncpg.PostgresError, eventstore.ConcurrencyConflict, OrganisationUnknown) as exc:
            log(logger, logging.WARNING, "transfer timer tick failed, retrying", error=repr(exc))
        try:
            await asyncio.wait_for(rt.stop.wait(), timeout=TICK_SECONDS)
        except asyncio.TimeoutError:
            pass


async def record_organisation(conn: asyncpg.Connection, config: TenantConfig) -> None:
    """Applying a tenant file records an event (on the tenant's organisation stream)."""
    stream = organisation_stream(config.tenant_id)
    history = await eventstore.load_stream(conn, stream)
    digest = hashlib.sha256(config.model_dump_json().encode()).hexdigest()
    if history and history[-1].payload.get("digest") == digest:
        return  # the same file again: nothing changed
    now = datetime.now(timezone.utc)
    event = OrganisationApplied(version=config.version, digest=digest, branches=len(config.branches),
                                departments=len(config.departments), staff=len(config.staff))
    why = eventstore.Provenance(tenant_id=config.tenant_id, complaint_id=stream, actor=Actor(kind="service", id="routing"),
                                correlation_id=current_correlation_id(), causation_id=None, occurred_at=now)
    await eventstore.append(conn, source="routing", expected_version=len(history), events=[event], why=why,
                            recorded_at=now)
    EVENTS_APPENDED.labels("routing", event.EVENT_TYPE).inc()
