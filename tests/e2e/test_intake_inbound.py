"""The inbound topic through the running stack: a message becomes a complaint with every
service's events; an invalid one becomes a dead letter that `redress dlq list` shows and
`redress dlq resubmit` turns into a complaint."""

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer

from tests.e2e.test_intake_door import record
from tests.stack import DEMO_KEY, wait_for_case_views

pytestmark = pytest.mark.e2e


def publish(stack, *messages: tuple[bytes, list]) -> None:
    async def send():
        producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
        await producer.start()
        try:
            for value, headers in messages:
                await producer.send_and_wait("redress.intake.inbound.v1", value, key=b"inbound", headers=headers)
        finally:
            await producer.stop()

    asyncio.run(send())


def query(stack, sql: str, *args):
    async def run():
        conn = await asyncpg.connect(stack.database_url)
        try:
            return await conn.fetch(sql, *args)
        finally:
            await conn.close()

    return asyncio.run(run())


def poll(fn, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := fn():
            return result
        time.sleep(0.3)
    raise TimeoutError


def redress(stack, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "REDRESS_INTAKE_URL": stack.service_url("intake"),
           "REDRESS_INTERNAL_TOKEN": stack.internal_token}
    return subprocess.run([str(Path(sys.executable).with_name("redress")), *args], env=env, capture_output=True,
                          text=True, timeout=60)


AUTH_HEADERS = [("redress-tenant", b"lotus-clinics"), ("authorization", f"Bearer {DEMO_KEY}".encode())]


def test_a_message_on_the_inbound_topic_becomes_a_complaint(stack):
    publish(stack, (json.dumps(record("kafka-ok")).encode(), AUTH_HEADERS))
    rows = poll(lambda: query(stack, "SELECT complaint_id FROM intake.submissions WHERE external_id = $1", "kafka-ok"))
    cid = str(rows[0]["complaint_id"])
    view = wait_for_case_views(stack.front_url, [cid])[cid]
    assert view["external_id"] == "kafka-ok" and view["owner"]["id"] == "moscow-arbat-frontdesk"
    assert view["timeline"][0]["actor"] == {"kind": "integration", "id": "lotus-clinics"}


def test_an_invalid_message_is_a_dead_letter_and_redress_dlq_resubmits_it(stack, tmp_path):
    bad = record("kafka-bad", branch_id="atlantis")
    publish(stack, (json.dumps(bad).encode(), AUTH_HEADERS + [("idempotency-key", b"kafka-bad-1")]),
            (b"\xff\xfe not json", AUTH_HEADERS),
            (json.dumps(record("kafka-nokey")).encode(), [("redress-tenant", b"lotus-clinics")]))
    letters = poll(lambda: (rows := query(stack, "SELECT id, reason, published_at FROM intake.dead_letters"
                                                 " WHERE published_at IS NOT NULL ORDER BY id")) and len(rows) >= 3
                   and rows)
    listed = redress(stack, "dlq", "list")
    assert listed.returncode == 0, listed.stderr
    assert "/branch_id" in listed.stdout and "unauthenticated" in listed.stdout and "Bearer" not in listed.stdout
    assert "Тест" not in listed.stdout  # no personal data in the listing
    branch_letter = next(r["id"] for r in letters if "/branch_id" in r["reason"])

    refused = redress(stack, "dlq", "resubmit", str(branch_letter))
    assert refused.returncode == 1 and "/branch_id" in refused.stderr
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps({**bad, "branch_id": "moscow-arbat"}), encoding="utf-8")
    done = redress(stack, "dlq", "resubmit", str(branch_letter), "--body", str(fixed))
    assert done.returncode == 0, done.stderr
    cid = done.stdout.strip().split()[-1]
    assert cid in wait_for_case_views(stack.front_url, [cid])

    unauthenticated = next(r["id"] for r in letters if r["reason"].startswith("unauthenticated"))
    assert redress(stack, "dlq", "resubmit", str(unauthenticated)).returncode == 1
    assert f"resubmitted -> {cid}" in redress(stack, "dlq", "list", "--all").stdout
