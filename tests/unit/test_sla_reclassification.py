"""A reclassification re-plans the clocks: the case is held to the figures of its new level,
counted from the receipt (or the last contact), and never loses a stopped clock."""

from datetime import datetime, timedelta, timezone

import pytest

from contracts.intake import ComplaintReclassified
from contracts.sla import ClockPaused, ClockStopped, DeadlineSet
from services.sla.domain import actions, clocks
from services.sla.domain.commands import LogContact, StartWaiting
from services.sla.domain.policies import default_policy
from services.sla.domain.reclassification import on_reclassified
from tests.unit.builders import classified, received

pytestmark = pytest.mark.unit

SHANGHAI = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 10, 15, tzinfo=SHANGHAI)
TUESDAY = datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI)


def given(level: str, *commands) -> clocks.Clocks:
    state = clocks.Clocks()
    for event in clocks.on_classified(state, received(at=MONDAY), classified(level)):
        state = clocks.evolve(state, event)
    for command in commands:
        for event in actions.decide(state, command, TUESDAY):
            state = clocks.evolve(state, event)
    return state


def reclassify(state: clocks.Clocks, level: str, previous: str) -> list:
    event = ComplaintReclassified(level=level, previous_level=previous, reason="seen again", by="cs-manager")
    return on_reclassified(state, received(at=MONDAY), event, ("pricing_billing",), (), default_policy(), TUESDAY)


def test_a_complaint_raised_to_a_dispute_gets_seven_working_days_from_the_receipt():
    events = reclassify(given("complaint"), "dispute", "complaint")
    [resolution] = [e for e in events if isinstance(e, DeadlineSet) and e.clock == "resolution"]
    assert resolution.instance == 2 and resolution.reason == "reclassified" and resolution.rule == "working_days 7"
    assert resolution.due_at == datetime(2026, 12, 2, 23, 59, 59, tzinfo=SHANGHAI)
    assert resolution.started_at == MONDAY


def test_a_complaint_lowered_to_dissatisfaction_stops_the_formal_clocks_and_is_due_the_same_day():
    events = reclassify(given("complaint"), "dissatisfaction", "complaint")
    stopped = {e.clock for e in events if isinstance(e, ClockStopped)}
    assert stopped == {"acknowledgement", "first_response", "update"}
    assert all(e.reason == "reclassified" for e in events if isinstance(e, ClockStopped))
    [resolution] = [e for e in events if isinstance(e, DeadlineSet)]
    assert resolution.due_at == datetime(2026, 11, 23, 23, 59, 59, tzinfo=SHANGHAI)  # already past: breaches at once


def test_a_dissatisfaction_raised_to_a_complaint_starts_the_clocks_it_did_not_have():
    events = reclassify(given("dissatisfaction"), "complaint", "dissatisfaction")
    started = {e.clock: e.instance for e in events if isinstance(e, DeadlineSet)}
    assert started == {"acknowledgement": 1, "first_response": 1, "update": 1, "resolution": 2}


def test_the_same_figures_change_nothing():
    assert reclassify(given("dispute"), "accident", "dispute") == []


def test_clocks_a_contact_stopped_stay_stopped_and_unchanged_figures_keep_running():
    state = given("complaint", LogContact(by="desk", at=TUESDAY, kind="response"))
    events = reclassify(state, "dispute", "complaint")
    # acknowledgement and first response were satisfied; the update interval has the same figure
    assert [e.clock for e in events] == ["resolution"]


def test_a_changed_clock_restarted_by_a_contact_counts_from_that_contact():
    state = given("complaint", LogContact(by="desk", at=TUESDAY, kind="response"))
    update = state.get("update").deadline.model_copy(update={"rule_amount": 5})  # as if the policy had said 5
    state = clocks.evolve(state, update)
    [restarted] = [e for e in reclassify(state, "dispute", "complaint") if e.clock == "update"]
    assert restarted.started_at == TUESDAY and restarted.rule == "working_days 2"


def test_during_a_wait_a_new_operational_instance_starts_paused():
    state = given("complaint", StartWaiting(by="desk", at=TUESDAY, waiting_on="complainant", reason="x-ray asked"))
    events = reclassify(state, "dispute", "complaint")
    [paused] = [e for e in events if isinstance(e, ClockPaused)]
    assert paused.clock == "resolution" and paused.instance == 2 and paused.waiting_on == "complainant"


def test_before_classification_there_is_nothing_to_re_plan():
    assert reclassify(clocks.Clocks(), "dispute", "complaint") == []


def test_a_clock_stopped_by_lowering_the_level_starts_again_when_the_level_is_raised_back():
    state = given("complaint")
    for event in reclassify(state, "dissatisfaction", "complaint"):
        state = clocks.evolve(state, event)
    restarted = {e.clock: e.instance for e in reclassify(state, "complaint", "dissatisfaction")
                 if isinstance(e, DeadlineSet)}
    assert restarted == {"acknowledgement": 2, "first_response": 2, "update": 2, "resolution": 3}
