"""The whole pipeline as real processes on a real broker and PostgreSQL: complaints in
over HTTP, every service's events out in the case view and the audit trail."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaProducer

from redress.operations import read_tenant_file

from tests.stack import (
    DEMO, DEMO_KEY, complaint_bodies, expected_types, stream_gaps, submit, trail_counts, types_of, view_when,
    wait_for_case_views,
)

pytestmark = pytest.mark.e2e

AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}
DEMO_ORG = read_tenant_file(DEMO)


def test_two_hundred_complaints_reach_the_case_view_with_every_service_s_events(stack):
    bodies = complaint_bodies(200, "e2e")
    with ThreadPoolExecutor(8) as pool:
        accepted = list(pool.map(lambda b: submit(stack.front_url, b), bodies))
    ids = [a["complaint_id"] for a in accepted]
    assert len(set(ids)) == 200

    views = wait_for_case_views(stack.front_url, ids)
    assert len(views) == 200, f"{200 - len(views)} complaints did not complete"
    for body, cid in zip(bodies, ids):
        view = views[cid]
        assert view["branch_id"] == body["branch_id"] and view["external_id"] == body["external_id"]
        expected_owner = body.get("received_by") or DEMO_ORG.customer_service_of(body["branch_id"]).id
        assert view["owner"]["id"] == expected_owner and view["custody"][0]["id"] == expected_owner
        assert any(d["clock"] == "resolution" and d["due"] and d["state"] == "running" for d in view["deadlines"])
        assert (view["settlement"] is not None) == (view["level"] in ("dispute", "accident"))

    counts = trail_counts(stack.database_url)
    for cid in ids:
        assert expected_types(views[cid]["level"]) <= types_of(counts[cid]), cid
        assert set(counts[cid].values()) == {1}, cid
    assert stream_gaps(stack.database_url) == []


def test_the_audit_trail_verifies(stack):
    answer = httpx.get(f"{stack.service_url('analytics')}/internal/v1/trail/verify",
                       headers={"X-Redress-Internal-Token": stack.internal_token}, timeout=60)
    assert answer.status_code == 200
    assert answer.json()["verified"] is True and answer.json()["entries"] > 0


def test_a_retry_returns_the_first_answer_and_a_different_body_is_a_conflict(stack):
    body = complaint_bodies(1, "idem")[0]
    first = httpx.post(f"{stack.front_url}/v1/complaints", json=body, headers=AUTH)
    again = httpx.post(f"{stack.front_url}/v1/complaints", json=body, headers=AUTH)
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json() and again.headers.get("idempotent-replayed") == "true"
    changed = httpx.post(f"{stack.front_url}/v1/complaints", json={**body, "text": "something else"}, headers=AUTH)
    assert changed.status_code == 409
    assert changed.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-key"}, {"Authorization": "Basic abc"}])
def test_a_missing_or_wrong_key_is_401_without_hints(stack, headers):
    answer = httpx.post(f"{stack.front_url}/v1/complaints", json=complaint_bodies(1, "auth")[0], headers=headers)
    assert answer.status_code == 401
    assert answer.json()["title"] == "Missing or invalid credentials"
    assert "lotus" not in answer.text


def test_invalid_fields_are_named_by_json_pointer(stack):
    body = {**complaint_bodies(1, "bad")[0], "channel": "pigeon", "received_at": "yesterday"}
    del body["text"]
    answer = httpx.post(f"{stack.front_url}/v1/complaints", json=body, headers=AUTH)
    assert answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"
    pointers = {e["pointer"] for e in answer.json()["errors"]}
    assert pointers == {"/channel", "/received_at", "/text"}


def test_an_unknown_branch_or_receiver_is_rejected_with_its_pointer(stack):
    body = {**complaint_bodies(1, "branch")[0], "branch_id": "atlantis"}
    answer = httpx.post(f"{stack.front_url}/v1/complaints", json=body, headers=AUTH)
    assert answer.status_code == 422 and answer.json()["errors"][0]["pointer"] == "/branch_id"
    body = {**complaint_bodies(1, "staff")[0], "received_by": "nobody"}
    answer = httpx.post(f"{stack.front_url}/v1/complaints", json=body, headers=AUTH)
    assert answer.status_code == 422 and answer.json()["errors"][0]["pointer"] == "/received_by"


def test_an_unknown_complaint_is_404(stack):
    answer = httpx.get(f"{stack.front_url}/v1/complaints/01a2074c-cd80-766b-b31a-000000000000", headers=AUTH)
    assert answer.status_code == 404


def test_the_openapi_document_lists_the_integration_paths(stack):
    doc = httpx.get(f"{stack.front_url}/openapi.json").json()
    assert {"/v1/complaints", "/v1/complaints/{complaint_id}"} <= set(doc["paths"])
    assert "post" in doc["paths"]["/v1/complaints"]
    assert doc["components"]["securitySchemes"]["apiKey"]["scheme"] == "bearer"


def test_a_deadline_already_past_is_breached_once_and_the_case_is_overdue(stack):
    body = {**complaint_bodies(1, "late")[0], "received_at": "2025-03-03T10:00:00+08:00",
            "branch_id": "shanghai-jingan", "received_by": "shanghai-jingan-frontdesk"}
    cid = submit(stack.front_url, body)["complaint_id"]
    deadline_views = wait_for_case_views(stack.front_url, [cid])
    assert cid in deadline_views
    view = view_when(stack, cid, lambda v: v["status"] == "overdue")  # the timer ticks every half second
    assert view["status"] == "overdue"
    resolution = next(d for d in view["deadlines"] if d["clock"] == "resolution")
    assert resolution["state"] == "breached"
    counts = trail_counts(stack.database_url)[cid]
    assert counts["DeadlineBreached:resolution#1"] == 1 and counts["DeadlineApproached:resolution#1"] == 1
    assert {n for key, n in counts.items() if ":" in key} == {1}  # every clock warned and breached once
    escalated = view_when(stack, cid, lambda v: "Escalated" in [e["type"] for e in v["timeline"]])
    assert "Escalated" in [e["type"] for e in escalated["timeline"]]  # routing moved the case up on the breach
    assert stream_gaps(stack.database_url) == []


def test_every_service_serves_metrics_health_and_readiness(stack):
    for name in ("intake", "routing", "sla", "settlement", "analytics"):
        url = stack.service_url(name)
        assert httpx.get(f"{url}/healthz").status_code == 200
        assert httpx.get(f"{url}/readyz").json()["ready"] is True
        assert "redress_service_ready" in httpx.get(f"{url}/metrics").text
    assert httpx.get(f"{stack.front_url}/readyz").status_code == 200


def test_an_unreadable_message_is_kept_as_a_dead_letter_and_does_not_block_the_topic(stack):
    async def publish_garbage():
        producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
        await producer.start()
        try:
            for partition in range(6):  # every partition, so the good complaint below shares one
                await producer.send_and_wait("redress.intake.v1", b"{not json", key=b"junk", partition=partition,
                                             headers=[("origin", b"test")])
        finally:
            await producer.stop()

    asyncio.run(publish_garbage())
    cid = submit(stack.front_url, complaint_bodies(1, "after-junk")[0])["complaint_id"]
    assert cid in wait_for_case_views(stack.front_url, [cid])

    async def dead_letters():
        conn = await asyncpg.connect(stack.database_url)
        try:
            return await conn.fetch("SELECT value, reason, headers FROM routing.dead_letters")
        finally:
            await conn.close()

    rows = asyncio.run(dead_letters())
    assert len(rows) == 6
    assert all(bytes(r["value"]) == b"{not json" and "not a valid event envelope" in r["reason"] for r in rows)
    assert json.loads(rows[0]["headers"]) == [["origin", "test"]]
