"""A whole Redress stack as real processes on fresh servers, and a client that submits
complaints the way an integration should: retrying with the same external id."""

import asyncio
import json
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timezone
from zoneinfo import ZoneInfo
from pathlib import Path

import asyncpg
import httpx

from redress import operations
from redress.stack import Stack
from tests import infra

DEMO_KEY = "test-demo-key-" + "x" * 16
AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}
DEMO = Path(__file__).resolve().parents[1] / "deploy" / "tenants" / "demo.yaml"
DEV_SET = Path(__file__).resolve().parent / "data" / "classification-dev.jsonl"
BRANCH_DESKS = [("shanghai-jingan", "Asia/Shanghai"), ("moscow-arbat", "Europe/Moscow"),
                ("london-marylebone", "Europe/London"), ("beijing-chaoyang", "Asia/Shanghai"),
                ("novosibirsk-centre", "Asia/Novosibirsk")]
SETTLEMENT_LEVELS = {"dispute", "accident"}
# One pooled client for every thread: a client per request spends its time building TLS contexts.
CLIENT = httpx.Client(limits=httpx.Limits(max_connections=64, max_keepalive_connections=64))
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
            operations.apply_tenant(stack.service_urls(), stack.internal_token,
                                    operations.read_tenant_file(DEMO), DEMO_KEY)
            yield stack
        finally:
            stack.stop_all()


def as_staff(staff_id: str) -> dict:
    """Headers of a staff command: the tenant's key and who acts."""
    return {**AUTH, "X-Acting-Staff": staff_id}


def received_now(zone: str) -> str:
    """Now, with the branch's offset (see LATEST_LOCAL_HOUR for why late hours matter)."""
    return datetime.now(timezone.utc).astimezone(ZoneInfo(zone)).isoformat(timespec="seconds")


# Same-day clocks end at local midnight: a branch where the day is nearly over would see its
# on-site cases warned, breached and escalated while a test runs, whatever the system does.
LATEST_LOCAL_HOUR = 21


def open_desks() -> list[tuple[str, str]]:
    """The branches whose local day has at least three hours left (always two or more)."""
    now = datetime.now(timezone.utc)
    return [(branch, zone) for branch, zone in BRANCH_DESKS if now.astimezone(ZoneInfo(zone)).hour < LATEST_LOCAL_HOUR]


def complaint_bodies(n: int, prefix: str) -> list[dict]:
    """n submissions cycling through the dev-set texts, branches, channels and receivers."""
    texts = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]
    desks = open_desks()
    bodies = []
    for i in range(n):
        sample = texts[i % len(texts)]
        branch, zone = desks[i % len(desks)]
        body = {"external_id": f"{prefix}-{i}", "branch_id": branch, "channel": sample["channel"],
                "received_at": received_now(zone), "text": sample["text"]}
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
            answer = CLIENT.post(f"{front_url}/v1/complaints", json=body, headers=headers, timeout=10.0)
            if answer.status_code == 202:
                return answer.json()
            if answer.status_code < 500:
                raise AssertionError(f"{answer.status_code}: {answer.text}")
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"could not submit {body['external_id']}")
        time.sleep(0.2)


class Submitter(threading.Thread):
    """Submits complaints in the background (4 at a time, retrying like an integration);
    `under_way` is set once a third of them were accepted, the moment to break something."""

    def __init__(self, front_url: str, bodies: list[dict]) -> None:
        super().__init__(daemon=True)
        self.front_url, self.bodies = front_url, bodies
        self.accepted: list[dict] = []
        self.under_way = threading.Event()

    def run(self) -> None:
        with ThreadPoolExecutor(4) as pool:
            for i, answer in enumerate(pool.map(lambda b: submit(self.front_url, b), self.bodies)):
                self.accepted.append(answer)
                if i == len(self.bodies) // 3:
                    self.under_way.set()


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


def view_when(stack: Stack, cid: str, predicate, timeout: float = 30.0) -> dict:
    """The case view once `predicate(view)` holds (or as it is at the timeout)."""
    deadline = time.monotonic() + timeout
    while True:
        view = CLIENT.get(f"{stack.front_url}/v1/complaints/{cid}",
                         headers={"Authorization": f"Bearer {DEMO_KEY}"}).json()
        if predicate(view) or time.monotonic() > deadline:
            return view
        time.sleep(0.2)


def trail_counts(database_url: str) -> dict[str, dict[str, int]]:
    """complaint id -> event key -> how many times it is in the audit trail. The key is the
    type, plus `:clock#instance` for events about one clock (several clocks run at once)."""
    async def fetch():
        conn = await asyncpg.connect(database_url)
        try:
            rows = await conn.fetch(
                "SELECT complaint_id::text AS cid, type || coalesce(':' || (envelope->'payload'->>'clock') || '#'"
                " || coalesce(envelope->'payload'->>'instance', '1'), '') AS key, count(*) AS n"
                " FROM analytics.trail GROUP BY 1, 2")
        finally:
            await conn.close()
        counts: dict[str, dict[str, int]] = {}
        for r in rows:
            counts.setdefault(r["cid"], {})[r["key"]] = r["n"]
        return counts

    return asyncio.run(fetch())


def types_of(counts: dict[str, int]) -> set[str]:
    return {key.split(":")[0] for key in counts}


def stream_gaps(database_url: str) -> list[str]:
    """Every service's stream, as the trail holds it, must be that service's own event store
    exactly: versions 1..n, each once, for every complaint."""
    async def fetch():
        conn = await asyncpg.connect(database_url)
        try:
            problems = []
            for source in ("intake", "routing", "sla", "settlement"):
                rows = await conn.fetch(
                    f"SELECT e.complaint_id::text AS cid, count(*) AS written, ("
                    f" SELECT count(*) FROM analytics.trail t WHERE t.source = '{source}'"
                    f" AND t.complaint_id = e.complaint_id) AS trailed, ("
                    f" SELECT count(DISTINCT (t.envelope->>'stream_version')) FROM analytics.trail t"
                    f" WHERE t.source = '{source}' AND t.complaint_id = e.complaint_id) AS versions"
                    f" FROM {source}.events e GROUP BY e.complaint_id")
                problems += [f"{source} {r['cid']}: written {r['written']}, in trail {r['trailed']},"
                             f" distinct versions {r['versions']}"
                             for r in rows if not r["written"] == r["trailed"] == r["versions"]]
            return problems
        finally:
            await conn.close()

    return asyncio.run(fetch())
