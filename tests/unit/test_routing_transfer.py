"""Rule 6 (seed 001, first-contact responsibility): the written transfer — the owner stays
accountable until the receiver accepts; an unanswered transfer escalates. And the custody
history it leaves."""

from datetime import timedelta

import pytest

from contracts.routing import OwnerAssigned, OwnerRef, TransferRequested
from services.routing.domain.case import RoutingCase
from services.routing.domain.commands import AcceptTransfer, RejectTransfer, RequestTransfer
from services.routing.domain.decider import on_transfer_timeout
from tests.unit.test_routing_givens import LATER, NOW, ORG, classified, given, org_with, receipt, rejected, types, when

pytestmark = pytest.mark.unit

OWNER = "shanghai-jingan-consultant"
PEER = "shanghai-jingan-consultant-2"
TO_PEER = RequestTransfer(by=OWNER, to=OwnerRef(kind="staff", id=PEER), reason="patient asked for Xu Ting")


def staff(staff_id: str) -> OwnerRef:
    return OwnerRef(kind="staff", id=staff_id)


def requested():
    return given(receipt(OWNER), classified("dissatisfaction", "service_attitude"), TO_PEER)


def test_a_transfer_request_records_the_reason_and_leaves_the_owner_accountable():
    [event] = when(given(receipt(OWNER)), TO_PEER)
    assert event == TransferRequested(from_owner=staff(OWNER), to=staff(PEER), reason="patient asked for Xu Ting",
                                      by=OWNER, requested_at=NOW, expires_at=NOW + timedelta(hours=4),
                                      config_version=ORG.version)
    assert requested().owner == staff(OWNER)


def test_ownership_moves_when_the_receiver_accepts():
    events = when(requested(), AcceptTransfer(by=PEER), now=LATER)
    assert types(events) == ["TransferAccepted", "OwnerAssigned"]
    assert events[1] == OwnerAssigned(owner=staff(PEER), rule="written_transfer", at=LATER,
                                      previous_owner=staff(OWNER), config_version=ORG.version,
                                      reason="accepted a written transfer: patient asked for Xu Ting")


def test_a_member_of_a_receiving_department_accepts_in_person():
    state = given(receipt(OWNER), RequestTransfer(by=OWNER, to=OwnerRef(kind="department", id="shanghai-jingan-cs"),
                                                  reason="needs the customer-service centre"))
    events = when(state, AcceptTransfer(by="shanghai-jingan-cs-specialist"))
    assert events[1].owner == staff("shanghai-jingan-cs-specialist")


def test_a_rejected_transfer_leaves_the_case_with_its_owner():
    state = given(receipt(OWNER), TO_PEER, RejectTransfer(by=PEER, reason="on leave this week"))
    assert state.owner == staff(OWNER) and state.pending_transfer is None


def test_the_custody_history_shows_who_held_the_case_from_when_to_when_and_why_it_moved():
    state = given(receipt(OWNER), TO_PEER)
    state = given(AcceptTransfer(by=PEER), now=LATER, start=state)
    first, second = state.custody
    assert (first.owner, first.since, first.until, first.rule) == (staff(OWNER), NOW, LATER, "first_contact")
    assert first.moved_because == "written_transfer: accepted a written transfer: patient asked for Xu Ting"
    assert (second.owner, second.since, second.until) == (staff(PEER), LATER, None)


def test_a_transfer_nobody_accepts_in_time_expires_and_escalates():
    events = on_transfer_timeout(requested(), ORG, NOW + timedelta(hours=4))
    assert types(events) == ["TransferExpired", "Escalated", "OwnerAssigned"]
    assert events[1].trigger == "transfer_not_accepted"
    assert events[2].owner == staff("shanghai-jingan-consultant-supervisor")


def test_the_acceptance_time_is_the_tenants():
    org = org_with(transfer_acceptance_timeout="PT30M")
    [event] = when(given(receipt(OWNER), org=org), TO_PEER, org=org)
    assert event.expires_at == NOW + timedelta(minutes=30)


def test_the_timer_does_nothing_before_the_deadline_or_without_a_transfer():
    assert on_transfer_timeout(requested(), ORG, NOW + timedelta(hours=3, minutes=59)) == []
    assert on_transfer_timeout(given(receipt(OWNER)), ORG, NOW + timedelta(days=1)) == []


@pytest.mark.parametrize("command,code", [
    (RequestTransfer(by=OWNER, to=staff(PEER), reason=" "), "reason_required"),
    (RequestTransfer(by=OWNER, to=staff(OWNER), reason="x"), "transfer_to_self"),
    (RequestTransfer(by=OWNER, to=staff("shanghai-jingan-senior-doctor"), reason="x"), "recipient_recused"),
    (RequestTransfer(by=OWNER, to=staff("ghost"), reason="x"), "staff_not_in_tenant"),
    (RequestTransfer(by=OWNER, to=OwnerRef(kind="department", id="nowhere"), reason="x"), "unknown_department"),
    (RequestTransfer(by=PEER, to=staff("shanghai-jingan-doctor"), reason="x"), "not_entitled"),
    (RequestTransfer(by="ghost", to=staff(PEER), reason="x"), "actor_not_in_tenant"),
    (AcceptTransfer(by=PEER), "no_pending_transfer"),
    (RejectTransfer(by=PEER, reason="busy"), "no_pending_transfer"),
])
def test_an_invalid_transfer_request_is_refused(command, code):
    state = given(receipt(OWNER, concerned_staff=("shanghai-jingan-senior-doctor",)))
    assert rejected(state, command) == code


@pytest.mark.parametrize("command,code", [
    (TO_PEER, "transfer_pending"),
    (AcceptTransfer(by="shanghai-jingan-doctor"), "not_entitled"),
    (AcceptTransfer(by="ghost"), "actor_not_in_tenant"),
    (RejectTransfer(by=PEER, reason=""), "reason_required"),
    (RejectTransfer(by=OWNER, reason="changed my mind"), "not_entitled"),
])
def test_an_invalid_answer_to_a_pending_transfer_is_refused(command, code):
    assert rejected(requested(), command) == code


def test_a_command_on_a_case_routing_never_received_is_refused():
    assert rejected(RoutingCase(), TO_PEER) == "unknown_case"
