"""The event store on a real PostgreSQL: optimistic concurrency, outbox, inbox."""

import asyncio
from datetime import datetime, timezone

import pytest

from contracts.envelope import Actor
from contracts.settlement import SettlementCaseOpened
from runtime import eventstore
from runtime.ids import new_id

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def provenance(complaint_id):
    return eventstore.Provenance(tenant_id="t1", complaint_id=complaint_id, actor=Actor(kind="service", id="test"),
                                 correlation_id=new_id(), causation_id=None, occurred_at=NOW)


def opened(n: int = 0) -> SettlementCaseOpened:
    return SettlementCaseOpened(level="dispute", reason=f"reason {n}")


async def test_appended_events_are_read_back_in_stream_order_and_queued_in_the_outbox(store_pool):
    cid = new_id()
    async with store_pool.acquire() as conn, conn.transaction():
        await eventstore.append(conn, source="settlement", expected_version=0, events=[opened(1), opened(2)],
                                why=provenance(cid), recorded_at=NOW)
    async with store_pool.acquire() as conn:
        stream = await eventstore.load_stream(conn, cid)
        pending = await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
    assert [e.stream_version for e in stream] == [1, 2]
    assert [e.payload["reason"] for e in stream] == ["reason 1", "reason 2"]
    assert stream[0].source == "settlement" and stream[0].tenant_id == "t1"
    assert pending == 2


async def test_appending_at_a_stale_version_is_a_concurrency_conflict_and_writes_nothing(store_pool):
    cid = new_id()
    async with store_pool.acquire() as conn, conn.transaction():
        await eventstore.append(conn, source="s", expected_version=0, events=[opened()], why=provenance(cid),
                                recorded_at=NOW)
    with pytest.raises(eventstore.ConcurrencyConflict):
        async with store_pool.acquire() as conn, conn.transaction():
            await eventstore.append(conn, source="s", expected_version=0, events=[opened()], why=provenance(cid),
                                    recorded_at=NOW)
    async with store_pool.acquire() as conn:
        assert len(await eventstore.load_stream(conn, cid)) == 1
        assert await conn.fetchval("SELECT count(*) FROM outbox") == 1


async def test_two_concurrent_writers_on_one_stream_cannot_both_win(store_pool):
    cid = new_id()

    async def write():
        async with store_pool.acquire() as conn, conn.transaction():
            await eventstore.append(conn, source="s", expected_version=0, events=[opened()], why=provenance(cid),
                                    recorded_at=NOW)

    results = await asyncio.gather(write(), write(), return_exceptions=True)
    assert sum(r is None for r in results) == 1
    assert sum(isinstance(r, eventstore.ConcurrencyConflict) for r in results) == 1


async def test_the_inbox_accepts_an_event_id_once(store_pool):
    event_id = new_id()
    async with store_pool.acquire() as conn:
        assert await eventstore.inbox_accepts(conn, event_id, "intake") is True
        assert await eventstore.inbox_accepts(conn, event_id, "intake") is False
