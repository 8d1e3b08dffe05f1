"""Rules 2–4 (seed 001): on-site handling, the proposed and approved handling department,
the clinic office's coordination; and handler assignment."""

import pytest

from contracts.routing import (
    CoordinationRequested, HandlerAssigned, HandlingDepartmentAssigned, HandlingDepartmentProposed,
)
from services.routing.domain.commands import ApproveDepartment, AssignHandler
from tests.unit.test_routing_givens import ORG, classified, given, receipt, rejected, types, when

pytestmark = pytest.mark.unit

MANAGER = "shanghai-jingan-cs-manager"


def complaint_about(*categories, **receipt_args):
    return given(receipt(**receipt_args), classified("complaint", *categories))


# Rule 2

@pytest.mark.parametrize("level", ["feedback", "suggestion", "dissatisfaction"])
def test_on_site_levels_are_handled_by_the_owner_and_nothing_else_is_assigned(level):
    events = when(given(receipt("shanghai-jingan-consultant")), classified(level, "wait_time"))
    assert events == [HandlerAssigned(handler="shanghai-jingan-consultant", rule="on_site",
                                      reason=f"{level}: the owner handles it on site", config_version=ORG.version)]


def test_an_on_site_case_held_by_the_centre_goes_to_its_least_loaded_member():
    state = given(receipt(None))
    [event] = when(state, classified("feedback", "environment"),
                   workload={"shanghai-jingan-cs-manager": 3, "shanghai-jingan-frontdesk": 2,
                             "shanghai-jingan-cs-specialist": 2})
    assert (event.handler, event.department, event.open_cases) == (
        "shanghai-jingan-cs-specialist", "shanghai-jingan-cs", 2)


# Rule 3

def test_a_complaint_gets_the_department_whose_scope_covers_its_categories_proposed_by_customer_service():
    [event] = when(given(receipt()), classified("complaint", "treatment_outcome", "device_material"))
    assert isinstance(event, HandlingDepartmentProposed)
    assert (event.department, event.proposed_by) == ("shanghai-jingan-dental", "shanghai-jingan-cs")


def test_the_concerned_department_is_proposed_when_it_is_known():
    state = given(receipt("moscow-arbat-frontdesk", branch="moscow-arbat",
                          concerned_department="moscow-arbat-aesthetic"))
    [event] = when(state, classified("complaint", "treatment_outcome"))
    assert event.department == "moscow-arbat-aesthetic" and "concerned" in event.reason


def test_a_supervisor_approves_the_proposal_and_the_least_loaded_member_of_the_department_handles_it():
    state = complaint_about("treatment_outcome")
    events = when(state, ApproveDepartment(by=MANAGER), workload={
        "shanghai-jingan-senior-doctor": 1, "shanghai-jingan-doctor": 1, "shanghai-jingan-head-nurse": 0})
    assert events[0] == HandlingDepartmentAssigned(department="shanghai-jingan-dental", approved_by=MANAGER,
                                                   reason="approved the proposal", config_version=ORG.version)
    assert (events[1].handler, events[1].rule) == ("shanghai-jingan-dental-head", "workload")


def test_a_supervisor_changes_the_proposal_with_a_reason():
    state = complaint_about("treatment_outcome")
    [assigned, handler] = when(state, ApproveDepartment(by=MANAGER, department="chain-medical-affairs",
                                                        reason="implant failure: medical affairs investigates"))
    assert (assigned.department, assigned.proposed) == ("chain-medical-affairs", "shanghai-jingan-dental")
    assert handler.department == "chain-medical-affairs"


def test_the_owner_stays_accountable_while_a_department_handles_it():
    state = given(receipt(), classified("complaint", "treatment_outcome"), ApproveDepartment(by=MANAGER))
    assert state.owner.id == "shanghai-jingan-consultant"
    assert state.handling_department == "shanghai-jingan-dental" and state.handler is not None


@pytest.mark.parametrize("command,code", [
    (ApproveDepartment(by="shanghai-jingan-frontdesk"), "not_entitled"),
    (ApproveDepartment(by="moscow-arbat-cs-manager"), "not_entitled"),
    (ApproveDepartment(by="ghost"), "actor_not_in_tenant"),
    (ApproveDepartment(by=MANAGER, department="chain-medical-affairs"), "reason_required"),
    (ApproveDepartment(by=MANAGER, department="nowhere", reason="x"), "unknown_department"),
])
def test_an_invalid_approval_is_refused(command, code):
    assert rejected(complaint_about("treatment_outcome"), command) == code


def test_there_is_nothing_to_approve_once_approved_or_for_an_on_site_case():
    approved = given(receipt(), classified("complaint", "treatment_outcome"), ApproveDepartment(by=MANAGER))
    assert rejected(approved, ApproveDepartment(by=MANAGER)) == "nothing_to_approve"
    assert rejected(given(receipt(), classified("feedback")), ApproveDepartment(by=MANAGER)) == "nothing_to_approve"


def test_an_approver_named_in_the_complaint_may_not_approve():
    state = complaint_about("treatment_outcome", concerned_staff=(MANAGER,))
    assert rejected(state, ApproveDepartment(by=MANAGER)) == "actor_recused"


# Rule 4

def test_a_complaint_outside_every_departments_scope_goes_to_the_clinic_office():
    state = given(receipt("moscow-arbat-frontdesk", branch="moscow-arbat"))
    [event] = when(state, classified("complaint", "device_material"))
    assert event == CoordinationRequested(
        coordinator="moscow-arbat-office", departments=(), uncovered_categories=("device_material",),
        reason="outside every department's scope: device_material", config_version=ORG.version)


def test_a_complaint_touching_several_departments_is_coordinated_by_the_clinic_office():
    [event] = when(given(receipt()), classified("complaint", "treatment_outcome", "pricing_billing"))
    assert (event.coordinator, event.departments) == (
        "shanghai-jingan-office", ("shanghai-jingan-dental", "shanghai-jingan-cs"))
    assert given(receipt(), classified("complaint", "treatment_outcome", "pricing_billing")).handling_department \
        == "shanghai-jingan-office"


# Handler assignment

def test_the_owner_assigns_a_handler_explicitly():
    state = complaint_about("treatment_outcome")
    [event] = when(state, AssignHandler(by="shanghai-jingan-consultant", handler="shanghai-jingan-senior-doctor"))
    assert (event.handler, event.by, event.rule) == ("shanghai-jingan-senior-doctor", "shanghai-jingan-consultant",
                                                    "assigned")


@pytest.mark.parametrize("command,code", [
    (AssignHandler(by="shanghai-jingan-doctor", handler="shanghai-jingan-doctor"), "not_entitled"),
    (AssignHandler(by="ghost", handler="shanghai-jingan-doctor"), "actor_not_in_tenant"),
    (AssignHandler(by=MANAGER, handler="ghost"), "staff_not_in_tenant"),
    (AssignHandler(by=MANAGER, handler="shanghai-jingan-senior-doctor"), "handler_recused"),
])
def test_an_invalid_handler_assignment_is_refused(command, code):
    state = complaint_about("treatment_outcome", concerned_staff=("shanghai-jingan-senior-doctor",))
    assert rejected(state, command) == code


def test_on_site_then_complaint_tracks_are_followed_in_order():
    state = given(receipt())
    assert types(when(state, classified("complaint", "wait_time"))) == ["HandlingDepartmentProposed"]
