"""Rule 7 (seed 001): the escalation ladder — consultant → consultant supervisor →
customer service (revenue attribution moves) → medical affairs."""

from datetime import timedelta

import pytest

from contracts.routing import AttributionTransferred, Escalated, OwnerRef
from services.routing.domain.commands import Escalate, RequestTransfer
from tests.unit.test_routing_givens import (
    LATER, NOW, ORG, breached, classified, given, org_with, receipt, rejected, types, when,
)

pytestmark = pytest.mark.unit

CONSULTANT = "shanghai-jingan-consultant"


def staff(staff_id: str) -> OwnerRef:
    return OwnerRef(kind="staff", id=staff_id)


def held_by_consultant(**receipt_args):
    return given(receipt(CONSULTANT, **receipt_args), classified("dissatisfaction", "service_attitude"))


def test_a_breached_deadline_moves_the_case_to_the_consultants_own_supervisor():
    events = when(held_by_consultant(), breached("resolution"), now=LATER)
    assert events[0] == Escalated(
        from_owner=staff(CONSULTANT), to=staff("shanghai-jingan-consultant-supervisor"), from_rung="consultant",
        to_rung="consultant_supervisor", trigger="deadline_breached", clock="resolution", due_at=NOW,
        reason=f"deadline resolution breached (due {NOW.isoformat()})", config_version=ORG.version)
    assert events[1].owner == staff("shanghai-jingan-consultant-supervisor") and events[1].rule == "escalation"


def test_the_step_to_customer_service_credits_the_clients_revenue_to_customer_service():
    state = given(breached("resolution"), start=held_by_consultant())
    events = when(state, Escalate(by="shanghai-jingan-consultant-supervisor", reason="patient refuses my offer"))
    assert types(events) == ["Escalated", "OwnerAssigned", "AttributionTransferred"]
    assert events[0].to_rung == "customer_service" and events[1].owner == staff("shanghai-jingan-cs-manager")
    assert events[2] == AttributionTransferred(
        from_staff=CONSULTANT, to=OwnerRef(kind="department", id="shanghai-jingan-cs"), config_version=ORG.version,
        reason="written transfer to customer_service: the client's future revenue is credited to it")


def test_the_last_rung_is_medical_affairs_and_the_ladder_then_ends():
    state = given(breached("resolution", NOW), breached("resolution", LATER), start=held_by_consultant())
    events = when(state, breached("update", LATER))
    assert (events[0].to_rung, events[1].owner) == ("medical_affairs", staff("chain-medical-affairs-officer"))
    top = given(breached("update", LATER), start=state)
    assert when(top, breached("resolution", LATER + timedelta(days=1))) == []
    assert rejected(top, Escalate(by="chain-medical-affairs-officer", reason="beyond us")) == "ladder_exhausted"


def test_a_redelivered_breach_escalates_only_once():
    state = given(breached("resolution"), start=held_by_consultant())
    assert when(state, breached("resolution")) == []


def test_a_case_received_by_the_customer_service_centre_escalates_to_medical_affairs():
    state = given(receipt("shanghai-jingan-frontdesk"), classified("complaint", "wait_time"))
    [escalated, assigned] = when(state, breached("resolution"))
    assert (escalated.from_rung, escalated.to_rung) == ("customer_service", "medical_affairs")


def test_a_rung_with_nobody_eligible_is_skipped_and_recorded():
    state = held_by_consultant(concerned_staff=("shanghai-jingan-consultant-supervisor",))
    escalated = when(state, breached("resolution"))[0]
    assert (escalated.to_rung, escalated.skipped_rungs) == ("customer_service", ("consultant_supervisor",))


def test_the_ladder_is_the_tenants():
    org = org_with(escalation_ladder=[{"rung": "consultant", "roles": ["consultant"]},
                                      {"rung": "clinic_head", "roles": ["department_head"]}])
    state = given(receipt(CONSULTANT), org=org)
    escalated = when(state, Escalate(by=CONSULTANT, reason="needs a doctor's view"), org=org)[0]
    assert (escalated.to_rung, escalated.to) == ("clinic_head", staff("shanghai-jingan-dental-head"))


def test_an_escalation_supersedes_a_pending_transfer():
    state = given(RequestTransfer(by=CONSULTANT, to=staff("shanghai-jingan-consultant-2"), reason="shift ends"),
                  breached("resolution"), start=held_by_consultant())
    assert state.pending_transfer is None and state.owner == staff("shanghai-jingan-consultant-supervisor")


@pytest.mark.parametrize("command,code", [
    (Escalate(by=CONSULTANT, reason=""), "reason_required"),
    (Escalate(by="shanghai-jingan-consultant-2", reason="not mine"), "not_entitled"),
    (Escalate(by="ghost", reason="x"), "actor_not_in_tenant"),
])
def test_an_invalid_escalation_request_is_refused(command, code):
    assert rejected(held_by_consultant(), command) == code


def test_the_owners_supervisor_may_pull_the_case_up():
    events = when(held_by_consultant(), Escalate(by="shanghai-jingan-consultant-supervisor", reason="taking over"))
    assert events[0].by == "shanghai-jingan-consultant-supervisor"


def test_a_breach_that_arrives_before_the_receipt_escalates_once_the_case_has_an_owner():
    early = given(breached())  # the SLA topic overtook the intake topic
    assert early.owner is None
    events = when(early, receipt("shanghai-jingan-consultant"))
    assert [e.EVENT_TYPE for e in events].count("Escalated") == 1
    after = given(receipt("shanghai-jingan-consultant"), start=early)
    assert when(after, breached()) == []  # the same breach redelivered later escalates nothing more
