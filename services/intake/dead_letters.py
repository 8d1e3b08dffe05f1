"""Dead letters of the inbound topic: kept whole in intake's `dead_letters` table (reason,
original bytes, headers, source position), published to `redress.intake.inbound.v1.dlq`
through the table (an outbox: no dual write), listed and re-submitted by operators
(`redress dlq list`, `redress dlq resubmit ID`).

The original value holds personal data exactly as the integration sent it, so the table
keeps it sealed (AES-GCM under a key derived from the master key) and the credentials
header is redacted everywhere. The .dlq topic mirrors what the integration wrote to the
inbound topic — give both the same access control.
"""

import asyncio
import json
import logging

import asyncpg
from aiokafka import AIOKafkaProducer
from aiokafka.structs import ConsumerRecord

from runtime.logs import log
from runtime.service import Runtime
from services.intake import metrics
from services.intake.vault import Vault

DLQ_TOPIC = "redress.intake.inbound.v1.dlq"
SECRET_HEADERS = frozenset({"authorization", "api-key", "x-api-key"})
REDACTED = "[redacted]"
logger = logging.getLogger(__name__)


def redacted(headers) -> list[list[str]]:
    return [[k, REDACTED if k.lower() in SECRET_HEADERS else v.decode("utf-8", "replace")] for k, v in (headers or ())]


def seal_context(topic: str, partition: int | None, offset: int | None) -> str:
    return f"dead-letter/{topic}/{partition}/{offset}"


async def keep(conn, vault: Vault, record: ConsumerRecord, *, reason: str, tenant_id: str | None) -> None:
    """Record a dead letter once per source position (a redelivery adds nothing)."""
    sealed = vault.seal_dead_letter(record.value or b"", seal_context(record.topic, record.partition, record.offset))
    await conn.execute(
        'INSERT INTO dead_letters (topic, partition, "offset", key, value, headers, reason, tenant_id, sealed)'
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)"
        ' ON CONFLICT (topic, partition, "offset") WHERE partition IS NOT NULL DO NOTHING',
        record.topic, record.partition, record.offset, record.key, sealed, json.dumps(redacted(record.headers)),
        reason, tenant_id,
    )
    await conn.execute("SELECT pg_notify(current_schema() || '_dead_letters', '')")


def original_value(vault: Vault, row) -> bytes:
    value = bytes(row["value"] or b"")
    if not row["sealed"]:
        return value
    return vault.open_dead_letter(value, seal_context(row["topic"], row["partition"], row["offset"]))


def summary(row) -> dict:
    return {"id": row["id"], "topic": row["topic"], "partition": row["partition"], "offset": row["offset"],
            "tenant_id": row["tenant_id"], "reason": row["reason"], "received_at": row["received_at"].isoformat(),
            "attempts": row["attempts"], "published": row["published_at"] is not None,
            "resubmitted_at": row["resubmitted_at"].isoformat() if row["resubmitted_at"] else None,
            "complaint_id": str(row["complaint_id"]) if row["complaint_id"] else None,
            "headers": json.loads(row["headers"])}


async def listing(pool: asyncpg.Pool, *, include_resubmitted: bool, limit: int) -> list[dict]:
    rows = await pool.fetch("SELECT * FROM dead_letters WHERE $1 OR resubmitted_at IS NULL ORDER BY id LIMIT $2",
                            include_resubmitted, limit)
    return [summary(r) for r in rows]


async def _publish_batch(pool: asyncpg.Pool, vault: Vault, producer: AIOKafkaProducer) -> int:
    async with pool.acquire() as conn, conn.transaction():
        rows = await conn.fetch("SELECT * FROM dead_letters WHERE published_at IS NULL ORDER BY id LIMIT 100"
                                " FOR UPDATE SKIP LOCKED")
        for row in rows:
            headers = [(k, v.encode()) for k, v in json.loads(row["headers"])]
            headers += [("dlq-id", str(row["id"]).encode()), ("dlq-reason", row["reason"][:2000].encode()),
                        ("dlq-source", f"{row['topic']}/{row['partition']}/{row['offset']}".encode())]
            await producer.send_and_wait(DLQ_TOPIC, value=original_value(vault, row),
                                         key=bytes(row["key"]) if row["key"] is not None else None, headers=headers)
        if rows:
            await conn.execute("UPDATE dead_letters SET published_at = now() WHERE id = ANY($1::bigint[])",
                               [r["id"] for r in rows])
    metrics.DEAD_LETTERS_PUBLISHED.inc(len(rows))
    return len(rows)


def publisher(vault_of):
    """A service loop: publish new dead letters to the .dlq topic (wakes on NOTIFY, polls as a fallback)."""

    async def dead_letter_publisher(rt: Runtime) -> None:
        vault = vault_of()
        wake = asyncio.Event()

        def on_notify(*_) -> None:
            wake.set()

        while not rt.stop.is_set():
            producer = AIOKafkaProducer(bootstrap_servers=rt.settings.kafka_bootstrap_servers, acks="all")
            conn = None
            try:
                await producer.start()
                conn = await rt.pool.acquire()
                await conn.add_listener("intake_dead_letters", on_notify)
                while not rt.stop.is_set():
                    wake.clear()
                    if await _publish_batch(rt.pool, vault, producer) == 0:
                        await _wait(wake, rt.stop, 1.0)
            except (OSError, asyncpg.PostgresError, asyncio.TimeoutError, ConnectionError) as exc:
                log(logger, logging.WARNING, "dead-letter publisher interrupted, retrying", error=repr(exc))
                await _wait(rt.stop, rt.stop, 1.0)
            except Exception as exc:  # e.g. the broker is not up yet (KafkaConnectionError)
                log(logger, logging.WARNING, "dead-letter publisher cannot reach the broker", error=repr(exc))
                await _wait(rt.stop, rt.stop, 1.0)
            finally:
                if conn is not None:
                    await conn.remove_listener("intake_dead_letters", on_notify)
                    await rt.pool.release(conn)
                await producer.stop()

    return dead_letter_publisher


async def _wait(event: asyncio.Event, stop: asyncio.Event, seconds: float) -> None:
    waiters = {asyncio.ensure_future(event.wait()), asyncio.ensure_future(stop.wait())}
    await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    for w in waiters:
        w.cancel()
