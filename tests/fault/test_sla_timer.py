"""Clocks keep their word: with two SLA instances firing side by side and one of them
killed with SIGKILL while it fires, every clock warns once and breaches once — none is
lost, none is doubled — and routing escalates on the breaches."""

import time
from datetime import datetime, timedelta, timezone

import pytest

from tests.stack import Submitter, complaint_bodies, running_stack, stream_gaps, trail_counts, types_of

pytestmark = pytest.mark.fault

COMPLAINTS = 120


def clock_keys(counts: dict[str, int], event_type: str) -> set[str]:
    return {key.split(":", 1)[1] for key in counts if key.startswith(event_type + ":")}


def test_two_sla_instances_and_a_sigkill_warn_and_breach_every_clock_exactly_once(postgres_url, workdir):
    with running_stack(postgres_url, workdir) as stack:
        stack.start("sla#2")
        stack.wait_service_ready("sla#2")
        long_ago = (datetime.now(timezone.utc) - timedelta(days=30)).isoformat(timespec="seconds")
        bodies = [{**b, "received_at": long_ago} for b in complaint_bodies(COMPLAINTS, "overdue")]
        submitter = Submitter(stack.front_url, bodies)
        submitter.start()
        assert submitter.under_way.wait(120)
        stack.kill("sla")
        time.sleep(1.0)
        stack.start("sla")
        submitter.join(240)
        accepted = submitter.accepted
        ids = [a["complaint_id"] for a in accepted]
        assert len(ids) == COMPLAINTS

        deadline = time.monotonic() + 240
        while True:
            counts = trail_counts(stack.database_url)
            pending = [cid for cid in ids if not clock_keys(counts.get(cid, {}), "DeadlineSet")
                       or clock_keys(counts[cid], "DeadlineSet") - clock_keys(counts[cid], "DeadlineBreached")]
            if not pending or time.monotonic() > deadline:
                break
            time.sleep(1.0)
        assert pending == [], f"{len(pending)} complaints have clocks that never breached"
        for cid in ids:
            c = counts[cid]
            assert clock_keys(c, "DeadlineBreached") == clock_keys(c, "DeadlineSet") == clock_keys(c, "DeadlineApproached")
            assert {n for key, n in c.items() if ":" in key} == {1}, (cid, c)
        def escalated() -> bool:
            counts = trail_counts(stack.database_url)
            return all("Escalated" in types_of(counts[cid]) for cid in ids)

        deadline = time.monotonic() + 180  # routing works through every breach after the SLA fired them
        while time.monotonic() < deadline and not escalated():
            time.sleep(1.0)
        assert escalated()
        assert stream_gaps(stack.database_url) == []
