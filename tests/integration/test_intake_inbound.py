"""The inbound topic on a real broker and PostgreSQL: a valid message registers a complaint
once (even when delivered twice), anything else becomes a dead letter — kept sealed in the
table, published to the .dlq topic with its reason and redacted headers — and a dead
letter can be re-submitted once its cause is fixed."""

import asyncio
import json

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from runtime.ids import new_id
from runtime.service import Runtime
from runtime.settings import ServiceSettings
from services.intake import dead_letters, inbound, resubmission
from tests.integration.test_intake_personal_data import DEMO, SECRETS, VAULT, body, everything_stored, intake  # noqa: F401

pytestmark = pytest.mark.integration

API_KEY = "k" * 20


async def ensure_topics(servers: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [inbound.INBOUND_TOPIC, dead_letters.DLQ_TOPIC]
        await admin.create_topics([NewTopic(t, 2, 1) for t in wanted if t not in existing])
    finally:
        await admin.close()


def headers(key: str = API_KEY, tenant: str = DEMO.tenant_id, **extra) -> list[tuple[str, bytes]]:
    found = [("redress-tenant", tenant.encode()), ("authorization", f"Bearer {key}".encode())]
    return found + [(k.replace("_", "-"), v.encode()) for k, v in extra.items()]


async def wait_until(predicate, timeout=30.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        if result := await predicate():
            return result
        await asyncio.sleep(0.2)
    raise TimeoutError


async def test_valid_messages_register_once_and_everything_else_is_a_dead_letter(intake, database_url, kafka_servers):
    await ensure_topics(kafka_servers)
    settings = ServiceSettings(DATABASE_URL=database_url, KAFKA_BOOTSTRAP_SERVERS=kafka_servers,
                               REDRESS_INTERNAL_TOKEN="t" * 16)
    rt = Runtime(settings=settings, pool=intake)
    tasks = [asyncio.create_task(inbound.consume(lambda: VAULT)(rt)),
             asyncio.create_task(dead_letters.publisher(lambda: VAULT)(rt))]
    run = new_id().hex[:8]
    good = body(f"in-{run}").model_dump_json().encode()
    unknown_branch = body(f"in-{run}-branch", branch="atlantis").model_dump_json().encode()
    producer = AIOKafkaProducer(bootstrap_servers=kafka_servers)
    await producer.start()
    try:
        for value, hdrs in [(good, headers()), (good, headers()),  # delivered twice
                            (b"{not json", headers()),
                            (good, headers(key="wrong-key-000000000")),
                            (unknown_branch, headers(idempotency_key="ik-1"))]:
            await producer.send_and_wait(inbound.INBOUND_TOPIC, value, key=b"k", headers=hdrs)
        letters = await wait_until(lambda: _published(intake, 3))
        assert await intake.fetchval("SELECT count(*) FROM submissions") == 1
        reasons = sorted(r["reason"].split(":")[0] for r in letters)
        assert reasons == ["unauthenticated", "validation", "validation"]
        assert all(r["sealed"] for r in letters)
        assert "Bearer" not in json.dumps([json.loads(r["headers"]) for r in letters])
        stored = await everything_stored(intake)
        assert [s for s in SECRETS if s.lower() in stored.lower()] == []

        on_dlq = await _read(kafka_servers, dead_letters.DLQ_TOPIC, 3)
        assert {m.value for m in on_dlq} == {b"{not json", good, unknown_branch}
        assert all(dict(m.headers)["authorization"] == b"[redacted]" for m in on_dlq)
        assert all(dict(m.headers)["dlq-reason"] for m in on_dlq)

        branch_letter = next(r for r in letters if "/branch_id" in r["reason"])
        still = await resubmission.resubmit(intake, VAULT, branch_letter["id"], None)
        assert still["resubmitted"] is False and "/branch_id" in still["reason"]
        fixed = body(f"in-{run}-branch").model_dump_json().encode()
        done = await resubmission.resubmit(intake, VAULT, branch_letter["id"], fixed)
        assert done["resubmitted"] is True and done["complaint_id"]
        with pytest.raises(resubmission.CannotResubmit) as twice:
            await resubmission.resubmit(intake, VAULT, branch_letter["id"], fixed)
        assert twice.value.status == 409
        unauthenticated = next(r for r in letters if r["reason"].startswith("unauthenticated"))
        with pytest.raises(resubmission.CannotResubmit):
            await resubmission.resubmit(intake, VAULT, unauthenticated["id"], None)
    finally:
        await producer.stop()
        rt.stop.set()
        await asyncio.gather(*tasks)


async def _published(pool, n):
    rows = await pool.fetch("SELECT * FROM dead_letters WHERE published_at IS NOT NULL ORDER BY id")
    return rows if len(rows) >= n else None


async def _read(servers, topic, n, timeout=20.0):
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=servers, group_id=f"g-{new_id()}",
                                auto_offset_reset="earliest")
    await consumer.start()
    got = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(got) < n and asyncio.get_running_loop().time() < deadline:
            for records in (await consumer.getmany(timeout_ms=200)).values():
                got.extend(records)
    finally:
        await consumer.stop()
    return got
