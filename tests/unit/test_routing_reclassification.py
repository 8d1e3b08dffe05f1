"""Rule 11: a new level re-evaluates rules 2–5; what is already in place stays."""

import pytest

from services.routing.domain.commands import ApproveDepartment, Command, CommandRejected
from services.routing.domain.decider import decide
from tests.unit.test_routing_givens import NOW, ORG, classified, given, receipt, reclassified, types, when

pytestmark = pytest.mark.unit


def test_a_complaint_raised_to_a_dispute_gets_its_incident_team():
    state = given(receipt(), classified("complaint", "treatment_outcome"))
    assert types(when(state, reclassified("dispute", "complaint"))) == ["IncidentTeamFormed"]


def test_a_dispute_raised_to_an_accident_keeps_its_team_and_notifies_the_chain():
    state = given(receipt(), classified("dispute", "treatment_outcome"))
    assert types(when(state, reclassified("accident", "dispute"))) == ["ChainNotified"]


def test_an_on_site_case_raised_to_a_complaint_gets_a_handling_department_proposed():
    state = given(receipt(), classified("dissatisfaction", "wait_time"))
    events = when(state, reclassified("complaint", "dissatisfaction", "treatment_outcome"))
    assert types(events) == ["HandlingDepartmentProposed"] and events[0].department == "shanghai-jingan-dental"


def test_a_complaint_lowered_to_dissatisfaction_goes_back_on_site_with_its_owner():
    state = given(receipt(), classified("complaint", "wait_time"), ApproveDepartment(by="shanghai-jingan-cs-manager"))
    [event] = when(state, reclassified("dissatisfaction", "complaint"))
    assert (event.rule, event.handler) == ("on_site", "shanghai-jingan-consultant")


def test_a_new_level_on_the_same_track_changes_nothing():
    state = given(receipt(), classified("feedback", "environment"))
    assert when(state, reclassified("suggestion", "feedback")) == []


def test_an_unknown_command_is_refused():
    class Reopen(Command):
        pass

    with pytest.raises(CommandRejected) as refusal:
        decide(given(receipt()), Reopen(by="shanghai-jingan-cs-manager"), ORG, NOW)
    assert refusal.value.code == "unknown_command"
