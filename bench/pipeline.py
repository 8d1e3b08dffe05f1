"""Whole-pipeline figures on the embedded stack (or DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS):

- throughput: complaints/s from the first POST until every complaint's case view holds
  every event expected for it (ComplaintReceived, ComplaintClassified, OwnerAssigned,
  DeadlineSet, and SettlementCaseOpened for disputes and accidents);
- latency: POST → complete case view, p50 / p99 / max, one complaint at a time;
- baselines measured in the same run: intake's acceptance rate alone (POST → 202) and one
  bare Kafka hop (produce → consume) on the same broker, printed as ratios.

    .venv/bin/python bench/pipeline.py [--complaints 1000] [--concurrency 16] [--latency-samples 100]
"""

import argparse
import asyncio
import secrets
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import asyncpg
import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests import infra  # noqa: E402
from tests.stack import complaint_bodies, expected_types, running_stack, submit  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def completion_times(database_url: str, ids: list[str]) -> dict[str, float]:
    """Epoch seconds at which each complaint's last expected event reached the trail, if complete."""
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch(
            "SELECT complaint_id::text AS cid, array_agg(type) AS types, extract(epoch FROM max(appended_at)) AS at,"
            " max(envelope->'payload'->>'level') AS level FROM analytics.trail"
            " WHERE complaint_id = ANY($1::uuid[]) GROUP BY 1", ids)
    finally:
        await conn.close()
    done = {}
    for r in rows:
        types = set(r["types"])
        level = r["level"]
        if level and expected_types(level) <= types:
            done[r["cid"]] = float(r["at"])
    return done


def wait_complete(database_url: str, ids: list[str], timeout: float) -> dict[str, float]:
    deadline = time.monotonic() + timeout
    while True:
        done = asyncio.run(completion_times(database_url, ids))
        if len(done) == len(ids) or time.monotonic() > deadline:
            return done
        time.sleep(0.2)


async def kafka_hop_latency(servers: str, samples: int) -> list[float]:
    topic = f"bench-hop-{secrets.token_hex(3)}"
    producer = AIOKafkaProducer(bootstrap_servers=servers, acks="all")
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=servers, group_id=topic, auto_offset_reset="earliest",
                                fetch_max_wait_ms=20)
    await producer.start()
    await producer.send_and_wait(topic, b"warm-up")
    await consumer.start()
    await consumer.getone()
    latencies = []
    try:
        for _ in range(samples):
            started = time.perf_counter()
            await producer.send_and_wait(topic, b"x")
            await consumer.getone()
            latencies.append(time.perf_counter() - started)
    finally:
        await consumer.stop()
        await producer.stop()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--complaints", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency-samples", type=int, default=100)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="redress-bench-"))
    with infra.postgres_server(workdir) as server, running_stack(server, workdir) as stack:
        print(f"stack ready; {args.complaints} complaints at concurrency {args.concurrency}", flush=True)
        # Baseline 1: intake alone (POST -> 202), no waiting for downstream services.
        warm = complaint_bodies(min(200, args.complaints), "warm")
        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            warm_ids = [a["complaint_id"] for a in pool.map(lambda b: submit(stack.front_url, b), warm)]
        accept_rate = len(warm) / (time.perf_counter() - t0)
        wait_complete(stack.database_url, warm_ids, 300)

        bodies = complaint_bodies(args.complaints, f"bench-{secrets.token_hex(2)}")
        started = time.time()
        with ThreadPoolExecutor(args.concurrency) as pool:
            ids = [a["complaint_id"] for a in pool.map(lambda b: submit(stack.front_url, b), bodies)]
        posted = time.time()
        done = wait_complete(stack.database_url, ids, 600)
        throughput = len(done) / (max(done.values()) - started)
        print(f"submitted {len(ids)} in {posted - started:.1f}s; complete {len(done)}/{len(ids)}", flush=True)

        latencies = []
        for body in complaint_bodies(args.latency_samples, f"lat-{secrets.token_hex(2)}"):
            t = time.time()
            cid = submit(stack.front_url, body)["complaint_id"]
            finished = wait_complete(stack.database_url, [cid], 60)
            latencies.append(finished[cid] - t)
        hop = asyncio.run(kafka_hop_latency(stack.bootstrap_servers, args.latency_samples))

    print("\nmetric                                   value")
    print(f"pipeline throughput (complaints/s)       {throughput:8.1f}")
    print(f"intake acceptance alone (POST/s)         {accept_rate:8.1f}   ratio pipeline/intake {throughput / accept_rate:.2f}")
    print(f"POST -> complete case view p50 (ms)      {1000 * statistics.median(latencies):8.1f}")
    print(f"POST -> complete case view p99 (ms)      {1000 * percentile(latencies, 0.99):8.1f}")
    print(f"POST -> complete case view max (ms)      {1000 * max(latencies):8.1f}")
    hop50 = statistics.median(hop)
    print(f"one bare Kafka hop p50 (ms)              {1000 * hop50:8.1f}   ratio pipeline p50/hop p50 "
          f"{statistics.median(latencies) / hop50:.1f}")


if __name__ == "__main__":
    main()
