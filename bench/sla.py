"""Durable clocks under load: the SLA service holding 100,000 open clocks.

Loads 100,000 resolution clocks straight into the SLA service's store (a DeadlineSet in
its event store and a timer row each): `--firing` of them fall due over `--window`
seconds, the rest a month later. Then runs the real SLA service process and reports
  - firing lateness (DeadlineBreached recorded_at - due_at): p50, p99, max;
  - the service's CPU while firing, and while idle holding all 100,000 clocks;
  - baseline measured in the same run: the same service idle with no clock at all, and
    the ratio (idle with 100,000 clocks / idle with none): near 1 means no full scans.

    .venv/bin/python bench/sla.py [--clocks 100000] [--firing 2000] [--window 20]
"""

import argparse
import asyncio
import secrets
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import asyncpg
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from contracts.envelope import Actor  # noqa: E402
from contracts.sla import DeadlineSet  # noqa: E402
from redress import operations  # noqa: E402
from redress.stack import Stack  # noqa: E402
from runtime.eventstore import Provenance, envelope_for  # noqa: E402
from runtime.ids import new_id  # noqa: E402
from tests import infra  # noqa: E402


async def load_clocks(database_url: str, total: int, firing: int, start: datetime, window: float) -> None:
    conn = await asyncpg.connect(database_url, server_settings={"search_path": "sla"})
    events, rows = [], []
    for i in range(total):
        due = (start + timedelta(seconds=window * i / firing) if i < firing else start + timedelta(days=30))
        cid = new_id()
        why = Provenance(tenant_id="bench", complaint_id=cid, actor=Actor(kind="service", id="sla"),
                         correlation_id=cid, causation_id=None, occurred_at=start)
        env = envelope_for(DeadlineSet(clock="resolution", due_at=due, policy="bench", rule="working_days 3",
                                       timezone="UTC"), "sla", 1, why, start)
        events.append((env.event_id, cid, 1, env.type, env.model_dump_json()))
        rows.append((cid, "resolution", "bench", cid, due, "running"))
    await conn.copy_records_to_table("events", records=events,
                                     columns=["event_id", "complaint_id", "stream_version", "type", "envelope"])
    await conn.copy_records_to_table("clocks", records=rows,
                                     columns=["complaint_id", "clock", "tenant_id", "correlation_id", "due_at", "state"])
    await conn.close()


async def lateness(database_url: str) -> list[float]:
    conn = await asyncpg.connect(database_url)
    rows = await conn.fetch(
        "SELECT extract(epoch FROM (envelope->>'recorded_at')::timestamptz - (envelope->'payload'->>'due_at')::timestamptz)"
        " AS late FROM sla.events WHERE type = 'DeadlineBreached'")
    await conn.close()
    return [float(r["late"]) for r in rows]


async def count(database_url: str, sql: str) -> int:
    conn = await asyncpg.connect(database_url)
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


def cpu_share(pid: int, seconds: float) -> float:
    proc = psutil.Process(pid)
    before = sum(proc.cpu_times()[:2])
    time.sleep(seconds)
    return (sum(proc.cpu_times()[:2]) - before) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clocks", type=int, default=100_000)
    parser.add_argument("--firing", type=int, default=2_000)
    parser.add_argument("--window", type=float, default=20.0)
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="redress-bench-sla-"))
    with infra.postgres_server(workdir) as server, infra.fresh_database(server) as database_url, \
            infra.kafka_broker(workdir) as servers:
        operations.run(operations.prepare(database_url, servers, partitions=6))
        stack = Stack(database_url=database_url, bootstrap_servers=servers, internal_token=secrets.token_urlsafe(24),
                      log_dir=workdir / "logs")
        try:
            stack.start("sla")
            stack.wait_service_ready("sla")
            pid = stack.processes["sla"].pid
            idle_empty = cpu_share(pid, args.idle_seconds)

            start = datetime.now(timezone.utc) + timedelta(seconds=15)
            t0 = time.monotonic()
            asyncio.run(load_clocks(database_url, args.clocks, args.firing, start, args.window))
            print(f"loaded {args.clocks} clocks in {time.monotonic() - t0:.1f}s; {args.firing} fall due over "
                  f"{args.window:.0f}s from {start.isoformat(timespec='seconds')}", flush=True)
            idle_full = cpu_share(pid, max(1.0, (start - datetime.now(timezone.utc)).total_seconds() - 1))
            firing_cpu = cpu_share(pid, args.window + 2)
            deadline = time.monotonic() + 60
            while asyncio.run(count(database_url, "SELECT count(*) FROM sla.events WHERE type = 'DeadlineBreached'")) \
                    < args.firing and time.monotonic() < deadline:
                time.sleep(0.5)
            late = sorted(asyncio.run(lateness(database_url)))
            open_clocks = asyncio.run(count(database_url, "SELECT count(*) FROM sla.clocks WHERE state = 'running'"))
        finally:
            stack.stop_all()
    p99 = late[min(len(late) - 1, int(round(0.99 * (len(late) - 1))))]
    print("\nmetric                                         value")
    print(f"clocks held open / fired                       {open_clocks} / {len(late)} of {args.firing}")
    print(f"firing lateness p50 (ms)                       {1000 * statistics.median(late):8.1f}")
    print(f"firing lateness p99 (ms)                       {1000 * p99:8.1f}   target < 1000")
    print(f"firing lateness max (ms)                       {1000 * late[-1]:8.1f}")
    print(f"SLA CPU while firing (share of one core)       {firing_cpu:8.3f}")
    print(f"SLA CPU idle, {args.clocks} clocks open             {idle_full:8.3f}")
    print(f"SLA CPU idle, no clock (baseline)              {idle_empty:8.3f}   ratio {idle_full / max(idle_empty, 1e-6):.2f}")


if __name__ == "__main__":
    main()
