"""The README's first command: `redress up --demo` runs the whole system, the curl
walk-through works against it, and Ctrl-C (SIGINT) stops every process it started."""

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import httpx
import psutil
import pytest

from redress.embedded import free_port

pytestmark = pytest.mark.e2e

KEY = "up-test-key-0123456789abcdef"


def postgres_of(data_dir: Path) -> list[psutil.Process]:
    return [p for p in psutil.process_iter(["cmdline"]) if str(data_dir / "postgres") in " ".join(p.info["cmdline"] or [])]


def test_redress_up_runs_the_walk_through_and_stops_everything_on_ctrl_c(workdir):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS")}
    env["REDRESS_DEMO_API_KEY"] = KEY
    up = subprocess.Popen([str(Path(sys.executable).with_name("redress")), "up", "--demo", "--port", str(port), "--partitions", "2",
                           "--data-dir", str(workdir / "up")], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    printed, children = [], []
    try:
        for line in up.stdout:
            printed.append(line)
            if line.startswith("Logs in"):
                break
        assert "Redress is ready.\n" in printed and any(KEY in line for line in printed), "".join(printed)
        # the broker, five services and the front door; PostgreSQL runs detached, found by its data dir
        children = psutil.Process(up.pid).children(recursive=True) + postgres_of(workdir / "up")
        assert len(children) >= 8

        base, auth = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {KEY}"}
        body = {"external_id": "crm-10045", "branch_id": "moscow-arbat", "channel": "phone",
                "received_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "received_by": "moscow-arbat-frontdesk",
                "text": "После пилинга ожог и пятна, требую вернуть 56 000 руб. и компенсацию, "
                        "иначе пишу в Роспотребнадзор."}
        answer = httpx.post(f"{base}/v1/complaints", json=body, headers=auth)
        assert answer.status_code == 202, answer.text
        cid = answer.json()["complaint_id"]
        deadline, view = time.monotonic() + 60, {}
        while time.monotonic() < deadline and not (view.get("settlement") and view.get("deadlines")):
            got = httpx.get(f"{base}/v1/complaints/{cid}", headers=auth)
            view = got.json() if got.status_code == 200 else {}
            time.sleep(0.3)
        assert view["level"] == "dispute" and view["owner"]["id"] == "moscow-arbat-frontdesk"
        assert view["amount"]["currency"] == "RUB" and view["deadlines"]

        up.send_signal(signal.SIGINT)
        assert up.wait(60) == 0
        time.sleep(1)
        assert [c.pid for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE] == []
    finally:  # a failed test must not leave a stack running: it would slow every later test
        if up.poll() is None:
            up.send_signal(signal.SIGINT)
            try:
                up.wait(60)
            except subprocess.TimeoutExpired:
                up.kill()
        for child in children + postgres_of(workdir / "up"):
            if child.is_running():
                child.kill()
