"""SLA use cases: remember receipts, start clocks on classification, re-plan them on a
reclassification, apply case commands, fire due clocks.

The timer is durable: one `clocks` row per clock (and one for a wait that may overrun)
holds when `on_tick` must next run, recomputed from the state after every change. Due
rows are locked with SKIP LOCKED, so two SLA instances never fire the same clock, and the
events, the rows' new times and the outbox commit in one transaction.
"""

import asyncio
import logging
from datetime import datetime, timezone
from uuid import UUID

import asyncpg

from contracts.envelope import Actor, Envelope
from contracts.events import Event
from contracts.intake import ComplaintReceived, ComplaintReclassified
from contracts.registry import payload_of
from runtime import eventstore, organisations
from runtime.consumer import Rejected
from runtime.logs import log
from runtime.metrics import EVENTS_APPENDED
from services.sla import metrics
from services.sla.domain import actions, clocks, reclassification
from services.sla.domain.calendars import UnknownCountryError
from services.sla.domain.commands import Command
from services.sla.domain.due import UnknownTimeZoneError
from services.sla.domain.policies import PolicyError, policy_for_branch

logger = logging.getLogger(__name__)

TICK_SECONDS = 0.5
FIRE_BATCH = 200
GAUGE_SECONDS = 15.0


class UnknownComplaint(LookupError):
    pass


def fold(history: list[Envelope]) -> clocks.Clocks:
    state = clocks.Clocks()
    for past in history:
        state = clocks.evolve(state, payload_of(past))
    return state


async def _record(conn: asyncpg.Connection, history: list[Envelope], events: list[Event], why: eventstore.Provenance,
                  now: datetime) -> None:
    """Append decided events, then bring the complaint's timer rows in line with the new state."""
    if not events:
        return
    await eventstore.append(conn, source="sla", expected_version=len(history), events=events, why=why, recorded_at=now)
    state = fold(history)
    for event in events:
        state = clocks.evolve(state, event)
        EVENTS_APPENDED.labels("sla", event.EVENT_TYPE).inc()
        metrics.count(event)
    for row, due in clocks.timers(state).items():
        if due is None:
            await conn.execute("UPDATE clocks SET state = 'done' WHERE complaint_id = $1 AND clock = $2",
                               why.complaint_id, row)
        else:
            await conn.execute(
                "INSERT INTO clocks (complaint_id, clock, tenant_id, correlation_id, due_at, state)"
                " VALUES ($1, $2, $3, $4, $5, 'running') ON CONFLICT (complaint_id, clock)"
                " DO UPDATE SET due_at = $5, state = 'running'",
                why.complaint_id, row, why.tenant_id, why.correlation_id, due,
            )


async def handle(conn: asyncpg.Connection, envelope: Envelope, now: datetime) -> str:
    if envelope.type == "ComplaintReceived":
        await conn.execute("INSERT INTO received (complaint_id, envelope) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                           envelope.complaint_id, envelope.model_dump_json())
        return "processed"
    if envelope.type not in ("ComplaintClassified", "ComplaintReclassified"):
        return "ignored"
    raw = await conn.fetchval("SELECT envelope FROM received WHERE complaint_id = $1", envelope.complaint_id)
    if raw is None:
        raise Rejected(f"{envelope.type} before ComplaintReceived: the receipt has not been seen for this complaint")
    received = payload_of(Envelope.model_validate_json(raw))
    assert isinstance(received, ComplaintReceived)
    try:
        org = await organisations.load(conn, envelope.tenant_id)
    except organisations.OrganisationUnknown:
        await asyncio.sleep(1.0)  # the organisation is being applied; the batch is retried
        raise
    history = await eventstore.load_stream(conn, envelope.complaint_id)
    event = payload_of(envelope)
    try:
        policy = policy_for_branch(org, received.branch.branch_id)
        if isinstance(event, ComplaintReclassified):
            categories, flags = await _classification(conn, envelope.complaint_id)
            events = reclassification.on_reclassified(fold(history), received, event, categories, flags, policy, now)
            await conn.execute(  # a later reclassification that keeps them starts from these
                "UPDATE classified SET categories = coalesce($2, categories), flags = coalesce($3, flags)"
                " WHERE complaint_id = $1", envelope.complaint_id,
                list(event.categories) if event.categories is not None else None,
                list(event.flags) if event.flags is not None else None)
        else:
            await conn.execute("INSERT INTO classified (complaint_id, categories, flags) VALUES ($1, $2, $3)"
                               " ON CONFLICT DO NOTHING", envelope.complaint_id, list(event.categories),
                               list(event.flags))
            events = clocks.on_classified(fold(history), received, event, policy=policy)
    except (UnknownCountryError, UnknownTimeZoneError, PolicyError) as exc:
        raise Rejected(str(exc)) from exc
    why = eventstore.Provenance(
        tenant_id=envelope.tenant_id, complaint_id=envelope.complaint_id, actor=Actor(kind="service", id="sla"),
        correlation_id=envelope.correlation_id, causation_id=envelope.event_id, occurred_at=now,
    )
    await _record(conn, history, events, why, now)
    return "processed"


async def _classification(conn: asyncpg.Connection, complaint_id: UUID) -> tuple[tuple[str, ...], tuple[str, ...]]:
    row = await conn.fetchrow("SELECT categories, flags FROM classified WHERE complaint_id = $1", complaint_id)
    return (tuple(row["categories"]), tuple(row["flags"])) if row else ((), ())


async def apply_command(pool: asyncpg.Pool, tenant_id: str, complaint_id: UUID, command: Command,
                        correlation_id: UUID, now: datetime) -> list[str]:
    """A staff member's action on a case's clocks; raises UnknownComplaint or CommandRejected."""
    async with pool.acquire() as conn, conn.transaction():
        history = await eventstore.load_stream(conn, complaint_id)
        if not history or history[0].tenant_id != tenant_id:
            raise UnknownComplaint(complaint_id)
        events = actions.decide(fold(history), command, now)
        why = eventstore.Provenance(
            tenant_id=tenant_id, complaint_id=complaint_id, actor=Actor(kind="staff", id=command.by),
            correlation_id=correlation_id, causation_id=history[-1].event_id, occurred_at=command.at,
        )
        await _record(conn, history, events, why, now)
    return [e.EVENT_TYPE for e in events]


async def fire_due_clocks(pool: asyncpg.Pool, now: datetime) -> int:
    """Emit what is due by `now` (warnings, breaches, pause overruns), once. Returns rows handled."""
    async with pool.acquire() as conn, conn.transaction():
        due = await conn.fetch(
            "SELECT complaint_id, clock, tenant_id, correlation_id FROM clocks WHERE state = 'running'"
            " AND due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED", now, FIRE_BATCH,
        )
        for row in due:
            history = await eventstore.load_stream(conn, row["complaint_id"])
            state = fold(history)
            events = clocks.on_tick(state, row["clock"], now)
            if not events:  # nothing left to fire on this row: park it
                next_due = clocks.timers(state).get(row["clock"])
                await conn.execute(
                    "UPDATE clocks SET state = CASE WHEN $3::timestamptz IS NULL OR $3 <= $4 THEN 'done'"
                    " ELSE 'running' END, due_at = coalesce($3, due_at) WHERE complaint_id = $1 AND clock = $2",
                    row["complaint_id"], row["clock"], next_due, now)
                continue
            why = eventstore.Provenance(
                tenant_id=row["tenant_id"], complaint_id=row["complaint_id"], actor=Actor(kind="service", id="sla"),
                correlation_id=row["correlation_id"], causation_id=history[-1].event_id if history else None,
                occurred_at=now,
            )
            await _record(conn, history, events, why, now)
    return len(due)


async def next_due(pool: asyncpg.Pool) -> datetime | None:
    return await pool.fetchval("SELECT min(due_at) FROM clocks WHERE state = 'running'")


async def count_open_clocks(pool: asyncpg.Pool) -> None:
    for row in await pool.fetch("SELECT clock, count(*) AS n FROM clocks WHERE state = 'running' GROUP BY clock"):
        metrics.CLOCKS_OPEN.labels(row["clock"]).set(row["n"])


async def timer_loop(rt) -> None:
    """Fire due rows; sleep until the next one is due, at most TICK_SECONDS."""
    counted_at = 0.0
    while not rt.stop.is_set():
        try:
            now = datetime.now(timezone.utc)
            if now.timestamp() - counted_at > GAUGE_SECONDS:
                await count_open_clocks(rt.pool)
                counted_at = now.timestamp()
            if await fire_due_clocks(rt.pool, now) == 0:
                upcoming = await next_due(rt.pool)
                wait = TICK_SECONDS if upcoming is None else min(TICK_SECONDS, max(0.0, (upcoming - now).total_seconds()))
                await _sleep_or_stop(rt.stop, wait)
        except (OSError, asyncpg.PostgresError, eventstore.ConcurrencyConflict) as exc:
            log(logger, logging.WARNING, "timer tick failed, retrying", error=repr(exc))
            await _sleep_or_stop(rt.stop, 1.0)


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass
