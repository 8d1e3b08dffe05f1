"""Rule 8 (seed 001, 回避): staff named in the complaint or with a declared conflict never
hold or handle it; an implicated receiver hands it on at once."""

import pytest

from contracts.routing import OwnerAssigned, OwnerRef, Recused
from services.routing.domain.case import RoutingCase
from tests.unit.test_routing_givens import NOW, ORG, given, org_with, receipt, types, when

pytestmark = pytest.mark.unit


def staff(staff_id: str) -> OwnerRef:
    return OwnerRef(kind="staff", id=staff_id)


def test_a_receiver_named_in_the_complaint_passes_it_at_once_to_their_supervisor():
    events = when(RoutingCase(), receipt("shanghai-jingan-consultant", concerned_staff=("shanghai-jingan-consultant",)))
    assert events == [
        Recused(staff="shanghai-jingan-consultant", grounds="named_in_complaint", reason="named in the complaint",
                config_version=ORG.version),
        OwnerAssigned(owner=staff("shanghai-jingan-consultant-supervisor"), rule="recusal", at=NOW,
                      reason="received by shanghai-jingan-consultant, who is recused: named in the complaint",
                      config_version=ORG.version),
    ]


def test_the_receiver_never_appears_in_the_custody_history():
    state = given(receipt("shanghai-jingan-consultant", concerned_staff=("shanghai-jingan-consultant",)))
    assert [s.owner.id for s in state.custody] == ["shanghai-jingan-consultant-supervisor"]
    assert state.recused == ("shanghai-jingan-consultant",)


def test_when_the_supervisor_is_implicated_too_customer_service_takes_it_by_workload():
    named = ("shanghai-jingan-consultant", "shanghai-jingan-consultant-supervisor")
    events = when(RoutingCase(), receipt("shanghai-jingan-consultant", concerned_staff=named),
                  workload={"shanghai-jingan-cs-manager": 5})
    assert events[-1].owner == staff("shanghai-jingan-cs-specialist")


def test_a_declared_conflict_with_the_patient_recuses_the_receiver():
    org = org_with(conflicts_of_interest=[{"staff": "moscow-arbat-frontdesk", "patient_ref": "subj-7f3a",
                                           "note": "her sister"}])
    events = when(RoutingCase(), receipt("moscow-arbat-frontdesk", branch="moscow-arbat"), org=org)
    assert events[0].grounds == "declared_conflict" and events[0].conflict_with == "patient"
    assert events[1].owner == staff("moscow-arbat-cs-manager")


def test_a_declared_conflict_with_a_branch_covers_every_case_of_it():
    org = org_with(conflicts_of_interest=[{"staff": "shanghai-jingan-frontdesk", "branch": "shanghai-jingan"}])
    events = when(RoutingCase(), receipt("shanghai-jingan-frontdesk"), org=org)
    assert types(events) == ["Recused", "OwnerAssigned"] and events[0].conflict_with == "branch"


def test_a_declared_conflict_with_a_named_colleague_keeps_them_off_the_case():
    state = given(receipt("shanghai-jingan-head-nurse", concerned_staff=("shanghai-jingan-senior-doctor",)))
    assert state.owner != staff("shanghai-jingan-head-nurse")
    assert state.recused == ("shanghai-jingan-head-nurse",)


def test_an_unimplicated_receiver_keeps_the_case():
    assert types(when(RoutingCase(), receipt("shanghai-jingan-consultant",
                                             concerned_staff=("shanghai-jingan-doctor",)))) == ["OwnerAssigned"]
