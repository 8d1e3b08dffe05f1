"""A whole Redress stack as real processes on fresh servers, and a client that submits
complaints the way an integration should: retrying with the same external id."""

import asyncio
import json
import secrets
import time
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import httpx

from redress import operations
from redress.stack import Stack
from tests import infra

DEMO_KEY = "test-demo-key-" + "x" * 16
DEMO = Path(__file__).resolve().parents[1] / "deploy" / "tenants" / "demo.yaml"
DEV_SET = Path(__file__).resolve().parent / "data" / "classification-dev.jsonl"
BRANCH_DESKS = [("shanghai-jingan", "+08:00"), ("moscow-arbat", "+03:00"), ("london-marylebone", "+00:00"),
                ("beijing-chaoyang", "+08:00"), ("novosibirsk-centre", "+07:00")]
SETTLEMENT_LEVELS = {"dispute", "accident"}
BASE_TYPES = {"ComplaintReceived", "ComplaintClassified", "OwnerAssigned", "DeadlineSet"}


@contextmanager
def running_stack(postgres_url: str, workdir: Path, *, separate_relay: str | None = None):
    """Fresh database and broker, schemas and topics, all processes started and ready."""
    with infra.fresh_database(postgres_url) as database_url, infra.kafka_broker(workdir) as servers:
        operations.run(operations.prepare(database_url, servers, partitions=6))
        stack = Stack(database_url=database_url, bootstrap_servers=servers, internal_token=secrets.token_urlsafe(24),
                      log_dir=workdir / f"logs-{secrets.token_hex(3)}", front_port=infra.free_port())
        try:
            for name in ("intake", "routing", "sla", "settlement", "analytics"):
                env = {"REDRESS_RELAY_ENABLED": "false"} if name == separate_relay else None
                stack.start(name, env=env)
            if separate_relay:
                stack.start(f"{separate_relay}-relay")
            stack.start("frontdoor")
            stack.wait_ready(timeout=120)
            operations.apply_tenant(stack.service_url("intake"), stack.internal_token,
                                    operations.read_tenant_file(DEMO), DEMO_KEY)
            yield stack
        finally:
            stack.stop_all()


def complaint_bodies(n: int, prefix: str) -> list[dict]:
    """n submissions cycling through the dev-set texts, branches, channels and receivers."""
    texts = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]
    bodies = []
    for i in range(n):
        sample = texts[i % len(texts)]
        branch, offset = BRANCH_DESKS[i % len(BRANCH_DESKS)]
        body = {"external_id": f"{prefix}-{i}", "branch_id": branch, "channel": sample["channel"],
                "received_at": f"2026-11-2{3 + i % 5}T10:{i % 60:02d}:00{offset}", "text": sample["text"]}
        if i % 3:
            body["received_by"] = f"{branch}-frontdesk"
        if i % 4 == 0:
            body["complainant"] = {"name": "Test Person", "phone": f"+7 900 000-00-{i % 100:02d}"}
        bodies.append(body)
    return bodies


def submit(front_url: str, body: dict, *, deadline_s: float = 120.0) -> dict:
    """POST one complaint, retrying on network errors and 5xx with the same body."""
    headers = {"Authorization": f"Bearer {DEMO_KEY}"}
    deadline = time.monotonic() + deadline_s
    while True:
        try:
            answer = httpx.post(f"{front_url}/v1/complaints", json=body, headers=headers, timeout=10.0)
            if answer.status_code == 202:
                return answer.json()
            if answer.status_code < 500:
                raise AssertionError(f"{answer.status_code}: {answer.text}")
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"could not submit {body['external_id']}")
        time.sleep(0.2)


def expected_types(level: str) -> set[str]:
    return BASE_TYPES | ({"SettlementCaseOpened"} if level in SETTLEMENT_LEVELS else set())


def wait_for_case_views(front_url: str, complaint_ids: list[str], timeout: float = 180.0) -> dict[str, dict]:
    """Poll the case views until each has every event expected for its level."""
    headers = {"Authorization": f"Bearer {DEMO_KEY}"}
    done: dict[str, dict] = {}
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=10.0) as client:
        while len(done) < len(complaint_ids) and time.monotonic() < deadline:
            for cid in complaint_ids:
                if cid in done:
                    continue
                try:
                    answer = client.get(f"{front_url}/v1/complaints/{cid}", headers=headers)
                except httpx.HTTPError:
                    continue
                if answer.status_code == 200:
                    view = answer.json()
                    types = {e["type"] for e in view["timeline"]}
                    if view["level"] and expected_types(view["level"]) <= types:
                        done[cid] = view
            time.sleep(0.2)
    return done


def trail_counts(database_url: str) -> dict[str, dict[str, int]]:
    """complaint id -> event type -> how many times it is in the audit trail."""
    async def fetch():
        conn = await asyncpg.connect(database_url)
        try:
            rows = await conn.fetch("SELECT complaint_id::text AS cid, type, count(*) AS n FROM analytics.trail"
                                    " GROUP BY 1, 2")
        finally:
            await conn.close()
        counts: dict[str, dict[str, int]] = {}
        for r in rows:
            counts.setdefault(r["cid"], {})[r["type"]] = r["n"]
        return counts

    return asyncio.run(fetch())
