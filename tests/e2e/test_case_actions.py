"""Staff actions on a running stack: written transfers and escalation (routing), contacts,
waits and resolution (sla) — each through the front door, each visible in the case view."""

import time
from datetime import datetime
from datetime import time as time_of_day
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.stack import AUTH, as_staff, complaint_bodies, submit, view_when, wait_for_case_views

pytestmark = pytest.mark.e2e



def new_case(stack, receiver: str = "moscow-arbat-frontdesk", branch: str = "moscow-arbat") -> str:
    body = {**complaint_bodies(1, f"actions-{time.monotonic_ns()}")[0], "branch_id": branch, "received_by": receiver,
            "text": "The administrator was rude to me at the reception. I demand a written apology and an investigation."}
    cid = submit(stack.front_url, body)["complaint_id"]
    assert cid in wait_for_case_views(stack.front_url, [cid])
    return cid


def test_a_written_transfer_moves_ownership_only_when_accepted_and_the_custody_history_shows_it(stack):
    cid = new_case(stack)
    url = f"{stack.front_url}/v1/complaints/{cid}"
    asked = httpx.post(f"{url}/transfers", headers=as_staff("moscow-arbat-frontdesk"),
                       json={"to": {"kind": "staff", "id": "moscow-arbat-cs-manager"}, "reason": "needs a manager"})
    assert asked.status_code == 200 and asked.json()["events"] == ["TransferRequested"]
    held = httpx.get(f"{stack.front_url}/v1/staff/moscow-arbat-frontdesk/cases", headers=AUTH).json()
    assert cid in [c["complaint_id"] for c in held["cases"]]  # still accountable until accepted

    accepted = httpx.post(f"{url}/transfers/accept", headers=as_staff("moscow-arbat-cs-manager"), json={})
    assert accepted.status_code == 200 and "OwnerAssigned" in accepted.json()["events"]
    view = view_when(stack, cid, lambda v: v["owner"]["id"] == "moscow-arbat-cs-manager")
    assert [c["id"] for c in view["custody"]] == ["moscow-arbat-frontdesk", "moscow-arbat-cs-manager"]
    assert view["custody"][0]["until"] == view["custody"][1]["since"]
    held = httpx.get(f"{stack.front_url}/v1/staff/moscow-arbat-cs-manager/cases", headers=AUTH).json()
    assert cid in [c["complaint_id"] for c in held["cases"]]


@pytest.mark.parametrize("actor,body,status,code", [
    ("moscow-arbat-frontdesk", {"to": {"kind": "staff", "id": "moscow-arbat-frontdesk"}, "reason": "x"}, 422,
     "transfer-to-self"),
    ("moscow-arbat-frontdesk", {"to": {"kind": "staff", "id": "moscow-arbat-cs-manager"}, "reason": ""}, 422,
     "reason-required"),
    ("moscow-arbat-frontdesk", {"to": {"kind": "staff", "id": "nobody-at-all"}, "reason": "x"}, 422,
     "staff-not-in-tenant"),
    ("moscow-arbat-consultant", {"to": {"kind": "staff", "id": "moscow-arbat-cs-manager"}, "reason": "x"}, 403,
     "not-entitled"),
])
def test_an_invalid_transfer_is_refused_precisely_and_records_nothing(stack, actor, body, status, code):
    cid = new_case(stack)
    answer = httpx.post(f"{stack.front_url}/v1/complaints/{cid}/transfers", headers=as_staff(actor), json=body)
    assert answer.status_code == status and answer.json()["type"].endswith(code)
    view = httpx.get(f"{stack.front_url}/v1/complaints/{cid}", headers=AUTH).json()
    assert "TransferRequested" not in [e["type"] for e in view["timeline"]]


def test_a_command_without_the_acting_staff_member_or_on_an_unknown_case_is_refused(stack):
    cid = new_case(stack)
    answer = httpx.post(f"{stack.front_url}/v1/complaints/{cid}/escalations", headers=AUTH, json={"reason": "x"})
    assert answer.status_code == 400
    unknown = httpx.post(f"{stack.front_url}/v1/complaints/01a2074c-cd80-766b-b31a-000000000000/escalations",
                         headers=as_staff("moscow-arbat-frontdesk"), json={"reason": "x"})
    assert unknown.status_code == 404


def test_an_escalation_moves_the_case_one_rung_up(stack):
    cid = new_case(stack, receiver="moscow-arbat-consultant")
    answer = httpx.post(f"{stack.front_url}/v1/complaints/{cid}/escalations",
                        headers=as_staff("moscow-arbat-consultant"), json={"reason": "cannot resolve it myself"})
    assert answer.status_code == 200 and "Escalated" in answer.json()["events"]
    view = view_when(stack, cid, lambda v: v["owner"]["id"] != "moscow-arbat-consultant")
    assert view["owner"]["id"] != "moscow-arbat-consultant" and len(view["custody"]) == 2


def test_waiting_on_the_complainant_pauses_clocks_and_resolution_stops_them(stack):
    cid = new_case(stack)
    url = f"{stack.front_url}/v1/complaints/{cid}/sla"
    now = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    waited = httpx.post(f"{url}/waits", headers=AUTH, json={"at": now, "by": "moscow-arbat-frontdesk",
                                                           "waiting_on": "complainant", "reason": "asked for photos"})
    assert waited.status_code == 200 and "ClockPaused" in waited.json()["events"]
    view = view_when(stack, cid, lambda v: v["waiting_on"] == "complainant")
    assert any(d["state"] == "paused" for d in view["deadlines"])

    resolved = httpx.post(f"{url}/resolution", headers=AUTH, json={"at": now, "by": "moscow-arbat-frontdesk"})
    assert resolved.status_code == 200 and "ClockStopped" in resolved.json()["events"]
    view = view_when(stack, cid, lambda v: v["status"] == "resolved")
    assert view["status"] == "resolved" and all(d["state"] == "stopped" for d in view["deadlines"])
    again = httpx.post(f"{url}/waits/end", headers=AUTH, json={"at": now, "by": "moscow-arbat-frontdesk"})
    assert again.status_code == 409


def test_a_contact_in_the_future_is_refused(stack):
    cid = new_case(stack)
    answer = httpx.post(f"{stack.front_url}/v1/complaints/{cid}/sla/contacts", headers=AUTH,
                        json={"at": "2999-01-01T00:00:00+00:00", "by": "moscow-arbat-frontdesk"})
    assert answer.status_code == 422 and answer.json()["errors"][0]["pointer"] == "/at"


def test_an_hour_based_clock_counts_the_branchs_own_opening_hours(stack):
    body = {**complaint_bodies(1, f"hours-{time.monotonic_ns()}")[0], "branch_id": "novosibirsk-centre",
            "received_by": "novosibirsk-centre-frontdesk",
            "text": "The administrator was rude to me at the reception. I demand a written apology and an investigation."}
    cid = submit(stack.front_url, body)["complaint_id"]
    view = view_when(stack, cid, lambda v: any(d["clock"] == "acknowledgement" for d in v.get("deadlines", [])))
    [ack] = [d for d in view["deadlines"] if d["clock"] == "acknowledgement"]
    assert ack["rule"] == "working_hours 2" and ack["business_hours"] == "10:00-20:00"  # the demo branch's hours
    due = datetime.fromisoformat(ack["due"]).astimezone(ZoneInfo("Asia/Novosibirsk"))
    assert time_of_day(10) < due.time() <= time_of_day(20)
