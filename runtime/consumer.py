"""Consuming other services' topics exactly once in effect.

Kafka delivers at least once. Each batch is handled in one PostgreSQL transaction: for
every message the event id goes into the inbox (a repeat is skipped) together with the
service's effect; offsets are committed only after the transaction commits (ack after,
NACK on an infrastructure error so the batch is redelivered). A message that cannot be
read, or that the service's rules reject, is kept in `dead_letters` with the reason —
never dropped, and never blocking the partition behind it.
"""

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone

import asyncpg
from aiokafka.structs import ConsumerRecord
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from pydantic import ValidationError

from contracts.envelope import Envelope
from contracts.registry import UnknownEventType
from runtime import metrics
from runtime.eventstore import ConcurrencyConflict, inbox_accepts, keep_dead_letter
from runtime.logs import correlation_id, log

logger = logging.getLogger(__name__)

# Returns the outcome: "processed" or "ignored" (an event type this service does not act on).
Handler = Callable[[asyncpg.Connection, Envelope, datetime], Awaitable[str]]


class Rejected(Exception):
    """The service's rules cannot apply this message; it goes to dead letters."""


async def handle_batch(
    pool: asyncpg.Pool, service: str, records: tuple[ConsumerRecord, ...], handler: Handler,
) -> None:
    """Apply one batch in one transaction. Raises on infrastructure errors (batch is retried)."""
    now = datetime.now(timezone.utc)
    outcomes: list[tuple[str, str]] = []
    async with pool.acquire() as conn, conn.transaction():
        for record in records:
            outcome = await _handle_one(conn, service, record, handler, now)
            outcomes.append((record.topic, outcome))
    for topic, outcome in outcomes:
        metrics.CONSUMER_MESSAGES.labels(service, topic, outcome).inc()


async def _handle_one(conn, service, record: ConsumerRecord, handler: Handler, now: datetime) -> str:
    try:
        envelope = Envelope.model_validate_json(record.value or b"")
    except ValidationError as exc:
        await _dead_letter(conn, record, f"not a valid event envelope: {exc.errors()[0]['msg']}")
        return "dead_lettered"
    token = correlation_id.set(str(envelope.correlation_id))
    try:
        async with conn.transaction():  # savepoint: a rejected message leaves no partial effect
            if not await inbox_accepts(conn, envelope.event_id, envelope.source):
                return "duplicate"
            return await handler(conn, envelope, now)
    except (Rejected, ValidationError, UnknownEventType) as exc:
        await _dead_letter(conn, record, f"{type(exc).__name__}: {exc}")
        return "dead_lettered"
    finally:
        correlation_id.reset(token)


async def _dead_letter(conn, record: ConsumerRecord, reason: str) -> None:
    log(logger, logging.ERROR, "message dead-lettered", topic=record.topic, partition=record.partition,
        offset=record.offset, reason=reason[:300])
    await keep_dead_letter(
        conn, topic=record.topic, partition=record.partition, offset=record.offset, key=record.key,
        value=record.value, headers=list(record.headers or ()), reason=reason,
    )


def subscribe(
    broker: KafkaBroker, *, service: str, topics: tuple[str, ...], pool_ref: Callable[[], asyncpg.Pool],
    handler: Handler, fetch_max_wait_ms: int,
):
    """Register the service's batch subscriber on `broker`; returns the FastStream subscriber."""

    async def on_batch(_: list[bytes], message: KafkaMessage) -> None:
        records = message.raw_message if isinstance(message.raw_message, tuple) else (message.raw_message,)
        try:
            await handle_batch(pool_ref(), service, records, handler)
        except ConcurrencyConflict:
            log(logger, logging.INFO, "concurrent writer, batch will be redelivered", size=len(records))
            raise

    subscriber = broker.subscriber(
        *topics,
        group_id=f"redress-{service}",
        batch=True,
        max_records=500,
        batch_timeout_ms=50,  # FastStream also sleeps this long after an empty poll: keep hops short
        auto_offset_reset="earliest",
        fetch_max_wait_ms=fetch_max_wait_ms,
        ack_policy=AckPolicy.NACK_ON_ERROR,
    )
    subscriber(on_batch)
    return subscriber
