"""Kill one process with SIGKILL in the middle of a stream of complaints, start it again,
and prove that nothing was lost and nothing doubled: every complaint has exactly one
event of each expected type in the audit trail (one per clock for clock events), and every
service's stream appears in the trail exactly as that service wrote it."""

import time

import pytest

from tests.stack import (
    Submitter, complaint_bodies, expected_types, running_stack, stream_gaps, trail_counts, types_of,
    wait_for_case_views,
)

pytestmark = pytest.mark.fault

COMPLAINTS = 200


@pytest.mark.parametrize("victim", ["intake", "routing", "sla", "settlement", "analytics", "intake-relay"])
def test_a_process_killed_mid_stream_loses_and_doubles_nothing(postgres_url, workdir, victim):
    separate_relay = "intake" if victim == "intake-relay" else None
    with running_stack(postgres_url, workdir, separate_relay=separate_relay) as stack:
        submitter = Submitter(stack.front_url, complaint_bodies(COMPLAINTS, f"fault-{victim}"))
        submitter.start()
        assert submitter.under_way.wait(120), "submissions did not get going"
        stack.kill(victim)
        time.sleep(1.0)
        stack.start(victim, env={"REDRESS_RELAY_ENABLED": "false"} if victim == separate_relay else None)
        submitter.join(240)
        accepted = submitter.accepted
        assert len(accepted) == COMPLAINTS

        ids = [a["complaint_id"] for a in accepted]
        views = wait_for_case_views(stack.front_url, ids, timeout=240)
        assert len(views) == COMPLAINTS, f"{COMPLAINTS - len(views)} complaints are incomplete after the restart"
        counts = trail_counts(stack.database_url)
        doubled_or_missing = {cid: counts.get(cid) for cid in ids
                              if not expected_types(views[cid]["level"]) <= types_of(counts.get(cid, {}))
                              or set(counts[cid].values()) != {1}}
        assert doubled_or_missing == {}
        assert stream_gaps(stack.database_url) == []
        assert len(set(ids)) == COMPLAINTS
