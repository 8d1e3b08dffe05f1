"""Rule 5 (seeds 000 and 001): disputes and accidents get an incident team at once, with
one negotiator; an accident also reaches the chain's medical director."""

import pytest

from contracts.routing import ChainNotified, IncidentTeamFormed, TeamMember
from tests.unit.test_routing_givens import ORG, classified, given, org_with, receipt, types, when

pytestmark = pytest.mark.unit


def seats(event: IncidentTeamFormed) -> dict[str, str]:
    return {m.seat: m.staff for m in event.members}


def test_a_dispute_forms_an_incident_team_at_once_with_one_negotiator():
    [team] = when(given(receipt()), classified("dispute", "service_attitude"))
    assert seats(team) == {"owner": "shanghai-jingan-consultant", "operations": "shanghai-jingan-operations",
                           "customer_service": "shanghai-jingan-cs-manager",
                           "consultant": "shanghai-jingan-consultant-2"}
    assert team.negotiator == "shanghai-jingan-cs-manager" and not team.clinical


def test_clinical_matters_add_a_senior_doctor_and_the_head_nurse():
    [team] = when(given(receipt()), classified("dispute", "treatment_outcome"))
    assert team.clinical
    assert seats(team)["senior_doctor"] == "shanghai-jingan-senior-doctor"
    assert seats(team)["head_nurse"] == "shanghai-jingan-head-nurse"


def test_an_accident_also_notifies_the_chains_medical_director():
    events = when(given(receipt()), classified("accident", "clinical_harm"))
    assert types(events) == ["IncidentTeamFormed", "ChainNotified"]
    assert events[1] == ChainNotified(notified=("chain-medical-director",), department="chain-medical-affairs",
                                      reason="accident: chain-level attention", config_version=ORG.version)


def test_seats_are_filled_by_workload():
    [team] = when(given(receipt("shanghai-jingan-frontdesk")), classified("dispute", "wait_time"),
                  workload={"shanghai-jingan-cs-manager": 4, "shanghai-jingan-cs-specialist": 1})
    assert seats(team)["customer_service"] == "shanghai-jingan-cs-specialist"
    assert seats(team)["consultant"] == "shanghai-jingan-consultant"


def test_seats_nobody_can_fill_are_reported_vacant_and_someone_still_negotiates():
    [team] = when(given(receipt("beijing-chaoyang-frontdesk", branch="beijing-chaoyang")),
                  classified("dispute", "pricing_billing"))
    assert team.members == (TeamMember(staff="beijing-chaoyang-frontdesk", seat="owner"),)
    assert team.vacant_seats == ("operations", "customer_service", "consultant")
    assert team.negotiator == "beijing-chaoyang-frontdesk"


def test_people_named_in_the_complaint_or_in_conflict_with_them_take_no_seat():
    state = given(receipt(concerned_staff=("shanghai-jingan-senior-doctor",)))
    [team] = when(state, classified("dispute", "clinical_harm"))
    assert "shanghai-jingan-senior-doctor" not in seats(team).values()
    assert "shanghai-jingan-head-nurse" not in seats(team).values()
    assert {"senior_doctor", "head_nurse"} <= set(team.vacant_seats)


def test_the_tenant_chooses_the_seats_and_the_negotiator():
    org = org_with(incident_team={"negotiator": "ops", "seats": [
        {"seat": "owner", "case_owner": True}, {"seat": "ops", "roles": ["operations_lead"]}]})
    [team] = when(given(receipt(), org=org), classified("dispute", "wait_time"), org=org)
    assert seats(team) == {"owner": "shanghai-jingan-consultant", "ops": "shanghai-jingan-operations"}
    assert team.negotiator == "shanghai-jingan-operations"
