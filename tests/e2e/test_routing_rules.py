"""Routing's rules through the running stack (issue 4): each complaint enters at the front
door, is classified by intake, routed by routing, and read back from the case view.
The rules themselves are specified in tests/unit/test_routing_*.py; these prove the wiring."""

import time

import httpx
import pytest

from tests.stack import AUTH, as_staff, received_now, submit, view_when

pytestmark = pytest.mark.e2e

POWER = {"agent_kind": "lawyer", "names_agent": True, "matters_include_settlement": True, "states_authority": True,
         "signed_by_patient": True, "valid_until": "2030-12-31", "document_sha256": "ab" * 32}


def case(stack, text: str, *, receiver: str = "moscow-arbat-frontdesk", **fields) -> str:
    body = {"external_id": f"rules-{time.monotonic_ns()}", "branch_id": "moscow-arbat", "channel": "letter",
            "received_at": received_now("Europe/Moscow"), "received_by": receiver, "text": text, **fields}
    return submit(stack.front_url, body)["complaint_id"]


def types(view: dict) -> list[str]:
    return [e["type"] for e in view.get("timeline", [])]  # a 404 until the first event arrives


def once_it_has(stack, cid: str, *wanted: str) -> dict:
    view = view_when(stack, cid, lambda v: set(wanted) <= set(types(v)), timeout=60)
    assert set(wanted) <= set(types(view)), types(view)
    return view


RUDE = "The administrator was rude to me at reception. I demand a written apology."


def test_rule_3_a_complaint_is_proposed_to_a_department_and_a_supervisor_approves_it(stack):
    cid = case(stack, RUDE)
    view = once_it_has(stack, cid, "OwnerAssigned", "HandlingDepartmentProposed")
    assert view["level"] == "complaint"
    assert view["handling_department"] == {"id": "moscow-arbat-cs", "state": "proposed"}
    url = f"{stack.front_url}/v1/complaints/{cid}/handling-department/approval"
    refused = httpx.post(url, headers=as_staff("moscow-arbat-frontdesk"), json={})
    assert refused.status_code == 403  # a front-desk member is no approver
    approved = httpx.post(url, headers=as_staff("moscow-arbat-cs-manager"), json={})
    assert approved.status_code == 200 and "HandlingDepartmentAssigned" in approved.json()["events"]
    view = once_it_has(stack, cid, "HandlingDepartmentAssigned", "HandlerAssigned")
    assert view["handling_department"]["state"] == "assigned" and view["handler"]
    assert view["owner"]["id"] == "moscow-arbat-frontdesk"  # the receiver stays accountable


def test_rule_4_a_complaint_touching_several_departments_goes_to_the_clinic_office(stack):
    cid = case(stack, "I was charged twice for the peel. I demand that the double charge is corrected.",
               concerned_department="moscow-arbat-aesthetic")
    view = once_it_has(stack, cid, "CoordinationRequested")
    assert view["coordination"]["coordinator"] == "moscow-arbat-office"
    assert set(view["coordination"]["departments"]) == {"moscow-arbat-aesthetic", "moscow-arbat-billing"}


def test_rule_5_a_dispute_forms_an_incident_team_with_one_negotiator(stack):
    cid = case(stack, "After the chemical peel I got a burn on my cheek and it is still painful. "
                      "I want my money back.")
    view = once_it_has(stack, cid, "IncidentTeamFormed", "SettlementCaseOpened")
    assert view["level"] == "dispute"
    seats = {m["seat"] for m in view["team"]["members"]}
    assert {"owner", "customer_service", "operations"} <= seats
    assert view["team"]["negotiator"] in {m["staff"] for m in view["team"]["members"]}
    assert "ChainNotified" not in types(view)


def test_rule_5_an_accident_also_notifies_the_chains_medical_director(stack):
    cid = case(stack, "The nurse ignored the penicillin allergy written in my record and injected it anyway. "
                      "I went into anaphylactic shock and spent two days in intensive care.")
    view = once_it_has(stack, cid, "IncidentTeamFormed", "ChainNotified")
    assert view["level"] == "accident"
    assert view["chain_notified"] == ["chain-medical-director"]


def test_rule_8_a_receiver_named_in_the_complaint_passes_it_at_once_to_their_supervisor(stack):
    cid = case(stack, RUDE, concerned_staff=["moscow-arbat-frontdesk"])
    view = once_it_has(stack, cid, "Recused", "OwnerAssigned")
    assert view["owner"]["id"] == "moscow-arbat-cs-manager"
    assert "moscow-arbat-frontdesk" not in [c["id"] for c in view["custody"]]
    # Nobody may hand the case to a recused person either.
    answer = httpx.post(f"{stack.front_url}/v1/complaints/{cid}/transfers", headers=as_staff("moscow-arbat-cs-manager"),
                        json={"to": {"kind": "staff", "id": "moscow-arbat-frontdesk"}, "reason": "she knows them"})
    assert answer.status_code == 422 and answer.json()["type"].endswith("recused")


def test_rule_9_an_agent_cannot_settle_until_their_power_of_attorney_is_verified(stack):
    cid = case(stack, RUDE, representative={"name": "Адвокат Сидоров", "relation": "lawyer"})
    view = once_it_has(stack, cid, "SettlementBlocked")
    assert view["settlement_blocked"] is True and "Сидоров" not in str(view)
    url = f"{stack.front_url}/v1/complaints/{cid}/representative/verification"
    refused = httpx.post(url, headers=as_staff("moscow-arbat-frontdesk"), json={"power_of_attorney": POWER})
    assert refused.status_code == 403
    unsigned = httpx.post(url, headers=as_staff("chain-legal-counsel"),
                          json={"power_of_attorney": {**POWER, "signed_by_patient": False}})
    assert unsigned.status_code == 422
    verified = httpx.post(url, headers=as_staff("chain-legal-counsel"), json={"power_of_attorney": POWER})
    assert verified.status_code == 200 and "RepresentativeVerified" in verified.json()["events"]
    view = view_when(stack, cid, lambda v: v["settlement_blocked"] is False)
    assert view["settlement_blocked"] is False


def test_rule_11_a_reclassified_level_is_routed_again_and_settlement_follows(stack):
    cid = case(stack, RUDE)
    once_it_has(stack, cid, "HandlingDepartmentProposed")
    answer = httpx.post(f"{stack.front_url}/v1/complaints/{cid}/reclassification", headers=AUTH,
                        json={"level": "dispute", "categories": ["clinical_harm"], "reason": "bruising found on visit",
                              "by": "moscow-arbat-cs-manager"})
    assert answer.status_code == 201
    view = once_it_has(stack, cid, "ComplaintReclassified", "IncidentTeamFormed", "SettlementCaseOpened")
    assert view["level"] == "dispute" and view["team"]["negotiator"]
    view = view_when(stack, cid, lambda v: any(d["clock"] == "resolution" and d["instance"] == 2
                                               for d in v["deadlines"]))
    [resolution] = [d for d in view["deadlines"] if d["clock"] == "resolution"]
    assert resolution["instance"] == 2 and resolution["rule"].endswith("7")  # seven working days, not three


def test_staff_case_lists_show_what_each_person_holds(stack):
    cid = case(stack, RUDE, receiver="moscow-arbat-consultant")
    once_it_has(stack, cid, "OwnerAssigned")
    held = httpx.get(f"{stack.front_url}/v1/staff/moscow-arbat-consultant/cases", headers=AUTH).json()
    assert cid in [c["complaint_id"] for c in held["cases"]]
    other = httpx.get(f"{stack.front_url}/v1/staff/moscow-arbat-cashier/cases", headers=AUTH).json()
    assert cid not in [c["complaint_id"] for c in other["cases"]]
