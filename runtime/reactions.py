"""The one application shape of a consuming service: load the complaint's stream,
let the pure rules decide, append what they decided (with the outbox) — all inside the
consumer's transaction, so the effect and the inbox entry commit together."""

from collections.abc import Callable
from datetime import datetime

import asyncpg

from contracts.envelope import Actor, Envelope
from contracts.events import Event
from runtime import eventstore
from runtime.metrics import EVENTS_APPENDED

Decide = Callable[[list[Envelope], Envelope, datetime], list[Event]]


async def react(
    conn: asyncpg.Connection, envelope: Envelope, now: datetime, *, source: str, decide: Decide
) -> list[Event]:
    """Returns the events appended (possibly none)."""
    history = await eventstore.load_stream(conn, envelope.complaint_id)
    events = decide(history, envelope, now)
    if events:
        why = eventstore.Provenance(
            tenant_id=envelope.tenant_id, complaint_id=envelope.complaint_id,
            actor=Actor(kind="service", id=source), correlation_id=envelope.correlation_id,
            causation_id=envelope.event_id, occurred_at=now,
        )
        await eventstore.append(conn, source=source, expected_version=len(history), events=events, why=why,
                                recorded_at=now)
        for event in events:
            EVENTS_APPENDED.labels(source, event.EVENT_TYPE).inc()
    return events
