"""A tenant changes its organisation over HTTP: validated whole before anything changes,
recorded as an event, and named by every routing decision made under it."""

import asyncio
import json
import time
from uuid import UUID

import asyncpg
import httpx
import pytest
import yaml

from contracts.tenant import organisation_stream
from tests.stack import DEMO, DEMO_KEY, complaint_bodies, submit, wait_for_case_views

pytestmark = pytest.mark.e2e

AUTH = {"Authorization": f"Bearer {DEMO_KEY}", "Content-Type": "application/yaml"}


def demo(**changes) -> dict:
    return {**yaml.safe_load(DEMO.read_text(encoding="utf-8")), **changes}


def put(stack, document: dict) -> httpx.Response:
    return httpx.put(f"{stack.front_url}/v1/organisation", content=yaml.safe_dump(document, allow_unicode=True),
                     headers=AUTH, timeout=20)


def rows(stack, sql: str, *args) -> list[dict]:
    async def fetch():
        conn = await asyncpg.connect(stack.database_url)
        try:
            return [dict(r) for r in await conn.fetch(sql, *args)]
        finally:
            await conn.close()

    return asyncio.run(fetch())


def trail_of(stack, stream: UUID) -> list[dict]:
    return [json.loads(r["p"]) for r in rows(stack, "SELECT envelope->'payload' AS p FROM analytics.trail"
                                                    " WHERE complaint_id = $1 ORDER BY position", stream)]


def test_a_new_version_is_applied_recorded_and_used_by_routing(stack):
    answer = put(stack, demo(version=2, transfer_acceptance_timeout="PT2H"))
    assert answer.status_code == 200 and answer.json()["version"] == 2

    cid = submit(stack.front_url, complaint_bodies(1, "org-v2")[0])["complaint_id"]
    assert wait_for_case_views(stack.front_url, [cid])[cid]["owner"] is not None
    applied = []
    for _ in range(50):
        applied = trail_of(stack, organisation_stream("lotus-clinics"))
        if len(applied) >= 2:
            break
        time.sleep(0.2)
    assert [p["version"] for p in applied] == [1, 2]
    assert rows(stack, "SELECT DISTINCT envelope->'payload'->>'config_version' AS v FROM routing.events"
                       " WHERE complaint_id = $1", UUID(cid)) == [{"v": "2"}]


@pytest.mark.parametrize("document,status,pointer", [
    (demo(branches=[]), 422, "/branches"),
    (demo(tenant_id="someone-else"), 403, "/tenant_id"),
])
def test_an_invalid_or_foreign_file_is_refused_with_its_pointer(stack, document, status, pointer):
    answer = put(stack, document)
    assert answer.status_code == status
    assert any(e["pointer"] == pointer for e in answer.json()["errors"])


def test_a_bad_deadline_preset_is_refused_before_anything_changes(stack):
    raw = demo(version=3)
    raw["branches"][0]["sla_policy"] = {"preset": "XX"}
    answer = put(stack, raw)
    assert answer.status_code == 422 and answer.json()["errors"][0]["pointer"] == "/branches/0/sla_policy"
    again = put(stack, demo(version=2, transfer_acceptance_timeout="PT2H"))
    assert again.status_code == 200  # nothing moved past version 2 on the refused file


def test_a_missing_key_cannot_change_an_organisation(stack):
    answer = httpx.put(f"{stack.front_url}/v1/organisation", content=yaml.safe_dump(demo()),
                       headers={"Content-Type": "application/yaml"})
    assert answer.status_code == 401
