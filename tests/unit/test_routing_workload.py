"""Rule 10: among several eligible handlers, the fewest open cases wins; ties by staff id."""

import pytest

from services.routing.domain.commands import ApproveDepartment
from services.routing.domain.workload import least_loaded
from tests.unit.test_routing_givens import classified, given, receipt, when

pytestmark = pytest.mark.unit


def test_the_candidate_with_the_fewest_open_cases_is_chosen():
    assert least_loaded(["b", "a", "c"], {"a": 3, "b": 1, "c": 2}) == "b"


def test_ties_go_to_the_smallest_staff_id_whatever_the_order_given():
    assert least_loaded(["c", "b", "a"], {"a": 1, "b": 1, "c": 1}) == "a"
    assert least_loaded(["b", "a"], {}) == "a"


def test_nobody_eligible_chooses_nobody():
    assert least_loaded([], {"a": 0}) is None


def test_the_handler_of_an_approved_department_is_chosen_by_workload_and_records_it():
    state = given(receipt(), classified("complaint", "treatment_outcome"))
    load = {"shanghai-jingan-dental-head": 7, "shanghai-jingan-senior-doctor": 2, "shanghai-jingan-doctor": 1,
            "shanghai-jingan-head-nurse": 4}
    handler = when(state, ApproveDepartment(by="shanghai-jingan-cs-manager"), workload=load)[1]
    assert (handler.handler, handler.open_cases) == ("shanghai-jingan-doctor", 1)


def test_recused_people_are_never_chosen_however_idle():
    state = given(receipt(concerned_staff=("shanghai-jingan-doctor",)), classified("complaint", "treatment_outcome"))
    load = {"shanghai-jingan-dental-head": 7, "shanghai-jingan-senior-doctor": 2, "shanghai-jingan-head-nurse": 4}
    handler = when(state, ApproveDepartment(by="shanghai-jingan-cs-manager"), workload=load)[1]
    assert handler.handler == "shanghai-jingan-senior-doctor"
