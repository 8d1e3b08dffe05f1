"""SLA use cases: remember receipts, start clocks on classification, fire due clocks.

The timer is durable: due clocks are found through the partial index on `clocks`, locked
with SKIP LOCKED so two SLA instances never fire the same clock, and the breach event,
the clock's new state and the outbox row commit together.
"""

import asyncio
import logging
from datetime import datetime, timezone

import asyncpg

from contracts.envelope import Actor, Envelope
from contracts.intake import ComplaintReceived
from contracts.registry import payload_of
from contracts.sla import DeadlineBreached, DeadlineSet
from runtime import eventstore
from runtime.consumer import Rejected
from runtime.logs import log
from runtime.metrics import EVENTS_APPENDED
from runtime.reactions import react
from services.sla import metrics
from services.sla.domain import clocks
from services.sla.domain.calendars import UnknownCountryError
from services.sla.domain.due import UnknownTimeZoneError

logger = logging.getLogger(__name__)

TICK_SECONDS = 0.5
FIRE_BATCH = 200
GAUGE_SECONDS = 15.0


def fold(history: list[Envelope]) -> clocks.Clocks:
    state = clocks.Clocks()
    for past in history:
        state = clocks.evolve(state, payload_of(past))
    return state


async def handle(conn: asyncpg.Connection, envelope: Envelope, now: datetime) -> str:
    if envelope.type == "ComplaintReceived":
        await conn.execute("INSERT INTO received (complaint_id, envelope) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                           envelope.complaint_id, envelope.model_dump_json())
        return "processed"
    if envelope.type != "ComplaintClassified":
        return "ignored"
    raw = await conn.fetchval("SELECT envelope FROM received WHERE complaint_id = $1", envelope.complaint_id)
    if raw is None:
        raise Rejected("classified before received: ComplaintReceived has not been seen for this complaint")
    received = payload_of(Envelope.model_validate_json(raw))
    assert isinstance(received, ComplaintReceived)

    def decide(history, incoming, _now):
        try:
            return clocks.on_classified(fold(history), received, payload_of(incoming))
        except (UnknownCountryError, UnknownTimeZoneError) as exc:
            raise Rejected(str(exc)) from exc

    for event in await react(conn, envelope, now, source="sla", decide=decide):
        if isinstance(event, DeadlineSet):
            await conn.execute(
                "INSERT INTO clocks (complaint_id, clock, tenant_id, correlation_id, due_at, state)"
                " VALUES ($1, $2, $3, $4, $5, 'running') ON CONFLICT (complaint_id, clock)"
                " DO UPDATE SET due_at = $5, state = 'running'",
                envelope.complaint_id, event.clock, envelope.tenant_id, envelope.correlation_id, event.due_at,
            )
    return "processed"


async def fire_due_clocks(pool: asyncpg.Pool, now: datetime) -> int:
    """Breach every running clock due by `now`, once. Returns how many fired."""
    fired: list[str] = []
    async with pool.acquire() as conn, conn.transaction():
        due = await conn.fetch(
            "SELECT complaint_id, clock, tenant_id, correlation_id FROM clocks WHERE state = 'running'"
            " AND due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED", now, FIRE_BATCH,
        )
        for row in due:
            history = await eventstore.load_stream(conn, row["complaint_id"])
            events = clocks.on_tick(fold(history), row["clock"], now)
            if events:
                why = eventstore.Provenance(
                    tenant_id=row["tenant_id"], complaint_id=row["complaint_id"], actor=Actor(kind="service", id="sla"),
                    correlation_id=row["correlation_id"], causation_id=history[-1].event_id if history else None,
                    occurred_at=now,
                )
                await eventstore.append(conn, source="sla", expected_version=len(history), events=events, why=why,
                                        recorded_at=now)
                fired.append(row["clock"])
            await conn.execute("UPDATE clocks SET state = 'breached' WHERE complaint_id = $1 AND clock = $2",
                               row["complaint_id"], row["clock"])
    for clock in fired:
        EVENTS_APPENDED.labels("sla", DeadlineBreached.EVENT_TYPE).inc()
        metrics.BREACHED.labels(clock).inc()
    return len(fired)


async def next_due(pool: asyncpg.Pool) -> datetime | None:
    return await pool.fetchval("SELECT min(due_at) FROM clocks WHERE state = 'running'")


async def count_open_clocks(pool: asyncpg.Pool) -> None:
    for row in await pool.fetch("SELECT clock, count(*) AS n FROM clocks WHERE state = 'running' GROUP BY clock"):
        metrics.CLOCKS_OPEN.labels(row["clock"]).set(row["n"])


async def timer_loop(rt) -> None:
    """Fire due clocks; sleep until the next one is due, at most TICK_SECONDS."""
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
