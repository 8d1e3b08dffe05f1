"""Repeat claimants are handled by a senior (seed 002), and never rejected (seed 003)."""

import pytest

from tests.unit.test_routing_givens import classified, given, receipt, when

pytestmark = pytest.mark.unit

SENIORS = {"shanghai-jingan-cs-manager", "chain-medical-director"}


def test_a_repeat_claimant_is_handled_by_a_senior_of_the_branch():
    state = given(receipt("shanghai-jingan-frontdesk"))
    events = when(state, classified("complaint", "pricing_billing", flags=("refund_demand", "repeat_claimant")))
    senior = [e for e in events if e.EVENT_TYPE == "HandlerAssigned" and e.rule == "senior_handling"]
    assert len(senior) == 1 and senior[0].handler in SENIORS


def test_the_least_loaded_senior_is_chosen():
    state = given(receipt("shanghai-jingan-frontdesk"))
    busy = {"shanghai-jingan-cs-manager": 9}
    events = when(state, classified("complaint", flags=("repeat_claimant",)), workload=busy)
    [senior] = [e for e in events if getattr(e, "rule", "") == "senior_handling"]
    assert senior.handler != "shanghai-jingan-cs-manager"


def test_without_the_flag_nobody_senior_is_assigned():
    state = given(receipt("shanghai-jingan-frontdesk"))
    events = when(state, classified("complaint", flags=("refund_demand",)))
    assert not [e for e in events if getattr(e, "rule", "") == "senior_handling"]


def test_the_flag_never_rejects_the_case_the_receiver_still_owns_it():
    state = given(receipt("shanghai-jingan-frontdesk"), classified("dispute", flags=("repeat_claimant",)))
    assert state.owner.id == "shanghai-jingan-frontdesk" and state.handler in SENIORS
