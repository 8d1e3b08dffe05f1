"""Outbox relay: publishes a service's committed events to its Kafka topic, in order.

At most one relay per service publishes at a time (a PostgreSQL advisory lock held on
its own connection), so events of one complaint leave in stream order even with several
instances. A crash between publishing and marking re-publishes on restart; consumers
drop the repeat through their inbox. Wakes on NOTIFY from `append`, polls as a fallback.
"""

import asyncio
import logging

import asyncpg
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from contracts.envelope import topic_of
from runtime import metrics
from runtime.db import advisory_key
from runtime.logs import log

logger = logging.getLogger(__name__)

BATCH = 500
POLL_SECONDS = 1.0


class OutboxRelay:
    def __init__(self, *, service: str, database_url: str, schema: str, bootstrap_servers: str) -> None:
        self.service, self.database_url, self.schema = service, database_url, schema
        self.bootstrap_servers = bootstrap_servers
        self.topic = topic_of(service)
        self.is_leader = False
        self.started = False
        self._wake = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self._lead(stop)
            except (OSError, asyncpg.PostgresError, asyncio.TimeoutError, KafkaError) as exc:
                log(logger, logging.WARNING, "relay interrupted, retrying", error=repr(exc))
                self.is_leader = False
                await _sleep_or_stop(stop, 1.0)

    async def _lead(self, stop: asyncio.Event) -> None:
        conn = await asyncpg.connect(self.database_url, server_settings={"search_path": self.schema})
        producer = AIOKafkaProducer(bootstrap_servers=self.bootstrap_servers, acks="all", linger_ms=2)
        try:
            await producer.start()
            self.started = True
            while not stop.is_set() and not await conn.fetchval(
                "SELECT pg_try_advisory_lock($1)", advisory_key(f"relay:{self.schema}")
            ):
                await _sleep_or_stop(stop, POLL_SECONDS)  # another instance is publishing
            self.is_leader = True
            await conn.add_listener(f"{self.schema}_outbox", lambda *_: self._wake.set())
            while not stop.is_set():
                self._wake.clear()  # before reading: a NOTIFY during publishing must wake the next round
                published = await self._publish_batch(conn, producer)
                if published < BATCH:
                    waiter = asyncio.ensure_future(self._wake.wait())
                    stopper = asyncio.ensure_future(stop.wait())
                    await asyncio.wait({waiter, stopper}, timeout=POLL_SECONDS, return_when=asyncio.FIRST_COMPLETED)
                    waiter.cancel(), stopper.cancel()
        finally:
            self.is_leader = False
            await producer.stop()
            await conn.close()

    async def _publish_batch(self, conn: asyncpg.Connection, producer: AIOKafkaProducer) -> int:
        rows = await conn.fetch(
            "SELECT o.position, e.complaint_id, e.type, e.envelope::text AS envelope FROM outbox o"
            " JOIN events e USING (position) WHERE o.published_at IS NULL ORDER BY o.position LIMIT $1",
            BATCH,
        )
        if rows:
            sent = [
                await producer.send(
                    self.topic,
                    value=r["envelope"].encode(),
                    key=str(r["complaint_id"]).encode(),
                    headers=[("type", r["type"].encode())],
                )
                for r in rows
            ]
            await asyncio.gather(*sent)
            await conn.execute(
                "UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])",
                [r["position"] for r in rows],
            )
            metrics.OUTBOX_PUBLISHED.labels(self.service).inc(len(rows))
        pending = await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
        metrics.OUTBOX_PENDING.labels(self.service).set(pending)
        return len(rows)


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass
