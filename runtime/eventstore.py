"""Event store with optimistic concurrency, writing the outbox in the same transaction.

A stream is one complaint's events as written by one service; `stream_version` counts
them. Appending with a stale expected version fails (`ConcurrencyConflict`), so two
instances deciding on the same complaint can never both win.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from contracts.envelope import Actor, Envelope
from contracts.events import Event
from runtime.ids import new_id


class ConcurrencyConflict(Exception):
    """Another writer appended to the stream first; reload and decide again."""


@dataclass(frozen=True)
class Provenance:
    """Who and what caused the events being appended."""

    tenant_id: str
    complaint_id: UUID
    actor: Actor
    correlation_id: UUID
    causation_id: UUID | None
    occurred_at: datetime


def envelope_for(event: Event, source: str, version: int, why: Provenance, recorded_at: datetime) -> Envelope:
    return Envelope(
        event_id=new_id(),
        type=event.EVENT_TYPE,
        schema_version=event.SCHEMA_VERSION,
        tenant_id=why.tenant_id,
        complaint_id=why.complaint_id,
        stream_version=version,
        occurred_at=why.occurred_at,
        recorded_at=recorded_at,
        actor=why.actor,
        correlation_id=why.correlation_id,
        causation_id=why.causation_id,
        source=source,
        payload=event.model_dump(mode="json"),
    )


async def load_stream(conn: asyncpg.Connection, complaint_id: UUID) -> list[Envelope]:
    rows = await conn.fetch(
        "SELECT envelope FROM events WHERE complaint_id = $1 ORDER BY stream_version", complaint_id
    )
    return [Envelope.model_validate_json(r["envelope"]) for r in rows]


async def append(
    conn: asyncpg.Connection,
    *,
    source: str,
    expected_version: int,
    events: Sequence[Event],
    why: Provenance,
    recorded_at: datetime,
) -> list[Envelope]:
    """Append events after `expected_version` and queue them in the outbox. Call inside a transaction."""
    envelopes = [
        envelope_for(event, source, expected_version + i + 1, why, recorded_at) for i, event in enumerate(events)
    ]
    for env in envelopes:
        try:
            position = await conn.fetchval(
                "INSERT INTO events (event_id, complaint_id, stream_version, type, envelope)"
                " VALUES ($1, $2, $3, $4, $5) RETURNING position",
                env.event_id, env.complaint_id, env.stream_version, env.type, env.model_dump_json(),
            )
        except asyncpg.UniqueViolationError as exc:
            raise ConcurrencyConflict(f"stream {env.complaint_id} moved past version {expected_version}") from exc
        await conn.execute("INSERT INTO outbox (position) VALUES ($1)", position)
    if envelopes:
        await conn.execute("SELECT pg_notify(current_schema() || '_outbox', '')")
    return envelopes


async def inbox_accepts(conn: asyncpg.Connection, event_id: UUID, source: str) -> bool:
    """Record a consumed event id; False when it was processed before (a redelivery)."""
    inserted = await conn.fetchval(
        "INSERT INTO inbox (event_id, source) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING true",
        event_id, source,
    )
    return bool(inserted)


async def keep_dead_letter(
    conn: asyncpg.Connection, *, topic: str, partition: int | None, offset: int | None,
    key: bytes | None, value: bytes | None, headers: Sequence[tuple[str, bytes]], reason: str,
) -> None:
    await conn.execute(
        'INSERT INTO dead_letters (topic, partition, "offset", key, value, headers, reason)'
        " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        topic, partition, offset, key, value,
        json.dumps([[k, v.decode("utf-8", "replace")] for k, v in headers]), reason,
    )
