"""The outbox relay on a real broker and PostgreSQL: publishes in stream order, marks what
was acknowledged, and lets only one relay per service publish."""

import asyncio
from datetime import datetime, timezone

import pytest
from aiokafka import AIOKafkaConsumer

from contracts.envelope import Actor, Envelope
from contracts.settlement import SettlementCaseOpened
from redress.embedded import create_topics
from runtime import eventstore
from runtime.ids import new_id
from runtime.relay import OutboxRelay

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


async def append_events(pool, complaint_id, n):
    why = eventstore.Provenance(tenant_id="t", complaint_id=complaint_id, actor=Actor(kind="service", id="t"),
                                correlation_id=new_id(), causation_id=None, occurred_at=NOW)
    async with pool.acquire() as conn, conn.transaction():
        return await eventstore.append(conn, source="settlement", expected_version=0, recorded_at=NOW, why=why,
                                       events=[SettlementCaseOpened(level="dispute", reason=str(i)) for i in range(n)])


async def read_all(servers, topic, expected, timeout=30.0):
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=servers, group_id=f"g-{new_id()}",
                                auto_offset_reset="earliest", fetch_max_wait_ms=20)
    await consumer.start()
    got = []
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(got) < expected and loop.time() < deadline:
            for records in (await consumer.getmany(timeout_ms=200)).values():
                got.extend(Envelope.model_validate_json(r.value) for r in records)
    finally:
        await consumer.stop()
    return got


async def test_two_relays_publish_every_event_once_in_stream_order_and_mark_them(store_pool, database_url,
                                                                                  kafka_servers):
    schema = await store_pool.fetchval("SELECT current_schema()")
    service = "settlement"
    await create_topics(kafka_servers, partitions=3)
    complaint = new_id()
    written = await append_events(store_pool, complaint, 25)
    stop = asyncio.Event()
    relays = [OutboxRelay(service=service, database_url=database_url, schema=schema, bootstrap_servers=kafka_servers)
              for _ in range(2)]
    tasks = [asyncio.create_task(r.run(stop)) for r in relays]
    try:
        published = [e for e in await read_all(kafka_servers, "redress.settlement.v1", 10_000, timeout=8)
                     if e.complaint_id == complaint]
        assert sum(r.is_leader for r in relays) == 1
    finally:
        stop.set()
        await asyncio.gather(*tasks)
    assert [e.event_id for e in published] == [e.event_id for e in written]
    assert await store_pool.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0
