"""Clocks of a case: every kind, warning then breach exactly once, contacts restarting the
update interval, resolution stopping the clocks, reopening starting new ones."""

from datetime import datetime, timedelta, timezone

import pytest

from contracts.sla import ClockStopped, DeadlineApproached, DeadlineBreached, DeadlineSet
from services.sla.domain import actions, clocks
from services.sla.domain.commands import CommandRejected, LogContact, ReopenComplaint, ResolveComplaint
from services.sla.domain.policies import resolve_policy
from tests.unit.builders import classified, received

pytestmark = pytest.mark.unit


def without_notice(event):
    """The event without its notification time (tested on its own below)."""
    return event.model_copy(update={"notify_at": None})

# Monday 23 November 2026, 10:15 in Shanghai.
MONDAY = datetime(2026, 11, 23, 10, 15, tzinfo=timezone(timedelta(hours=8)))


def set_clock(level: str, at: datetime = MONDAY, **branch) -> DeadlineSet:
    events = clocks.on_classified(clocks.Clocks(), received(at=at, **branch), classified(level))
    [event] = [e for e in events if e.clock == "resolution"]
    return event


def test_a_complaint_is_due_at_the_end_of_the_third_working_day_after_receipt():
    event = set_clock("complaint")
    assert event.due_at == datetime(2026, 11, 26, 23, 59, 59, tzinfo=timezone(timedelta(hours=8)))
    assert event.clock == "resolution" and event.rule == "working_days 3"


@pytest.mark.parametrize("level", ["dispute", "accident"])
def test_disputes_and_accidents_get_seven_working_days_skipping_the_weekend(level):
    assert set_clock(level).due_at == datetime(2026, 12, 2, 23, 59, 59, tzinfo=timezone(timedelta(hours=8)))


@pytest.mark.parametrize("level", ["feedback", "suggestion", "dissatisfaction"])
def test_on_site_levels_are_due_the_same_working_day(level):
    assert set_clock(level).due_at == datetime(2026, 11, 23, 23, 59, 59, tzinfo=timezone(timedelta(hours=8)))


def test_a_complaint_received_on_saturday_counts_from_the_next_working_days():
    saturday = datetime(2026, 11, 28, 11, 0, tzinfo=timezone(timedelta(hours=3)))
    event = set_clock("complaint", at=saturday, country="RU", tz="Europe/Moscow", branch="moscow-arbat")
    assert event.due_at == datetime(2026, 12, 2, 23, 59, 59, tzinfo=timezone(timedelta(hours=3)))


def test_the_deadline_is_counted_in_the_branchs_time_zone():
    # 23:30 UTC on Monday is already Tuesday in Shanghai: Tuesday is the day of receipt.
    late = datetime(2026, 11, 23, 23, 30, tzinfo=timezone.utc)
    assert set_clock("complaint", at=late).due_at.date().isoformat() == "2026-11-27"


def test_a_clock_is_set_once():
    state = clocks.evolve(clocks.Clocks(), set_clock("complaint"))
    assert clocks.on_classified(state, received(), classified("complaint")) == []


def test_a_running_clock_breaches_once_when_due():
    event = set_clock("complaint")
    [warning] = clocks.on_tick(clocks.evolve(clocks.Clocks(), event), "resolution", event.warn_at)
    state = clocks.evolve(clocks.evolve(clocks.Clocks(), event), warning)
    assert clocks.on_tick(state, "resolution", event.due_at - timedelta(seconds=1)) == []
    [breach] = clocks.on_tick(state, "resolution", event.due_at)
    assert without_notice(breach) == DeadlineBreached(clock="resolution", due_at=event.due_at)
    assert clocks.on_tick(clocks.evolve(state, breach), "resolution", event.due_at + timedelta(days=1)) == []


# --- every clock kind, warnings, contacts, resolution and reopening -------------------

SHANGHAI = timezone(timedelta(hours=8))


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def fold(events, state=None):
    state = state or clocks.Clocks()
    for event in events:
        state = clocks.evolve(state, event)
    return state


def classified_state(level="complaint", policy=None):
    return fold(clocks.on_classified(clocks.Clocks(), received(at=MONDAY), classified(level), policy))


def act(state, command, now=None):
    events = actions.decide(state, command, now or command.at)
    return fold(events, state), events


def test_a_formal_complaint_gets_all_four_clocks_under_the_seed_preset():
    state = classified_state()
    assert {c.name: c.due_at for c in state.clocks} == {
        "acknowledgement": at(23, 12, 15),  # 2 business hours from 10:15
        "first_response": at(24, 23, 59).replace(second=59),
        "update": at(25, 23, 59).replace(second=59),
        "resolution": at(26, 23, 59).replace(second=59),
    }


def test_a_deadline_names_its_policy_calendar_mode_and_warning():
    event = set_clock("complaint")
    assert event.policy == "seed@1" and event.mode == "operational" and event.instance == 1
    assert event.calendar_version.startswith("CN/holidays-") and event.country == "CN"
    assert event.warn_share == 0.75 and event.rule_kind == "working_days" and event.rule_amount == 3


def test_a_deadline_in_an_unverified_calendar_year_still_says_so():
    event = set_clock("complaint", at=datetime(2027, 3, 1, 10, 0, tzinfo=SHANGHAI))
    assert event.warnings == ("calendar for CN 2027 is not verified by an official notice",)


def test_the_warning_falls_at_75_percent_of_the_allowed_business_time():
    # Allowed: Monday 10:15 to Thursday 23:59:59 in working-day time = 85h44m59s; 75% = 64h18m44s.
    assert set_clock("complaint").warn_at == at(26, 2, 33).replace(second=44)


def test_the_warning_share_is_configurable():
    policy = resolve_policy("seed", {"warn_at": 0.5})
    state = classified_state(policy=policy)
    assert state.get("acknowledgement").deadline.warn_at == at(23, 11, 15)


def test_warning_then_breach_each_exactly_once():
    state = classified_state()
    clock = state.get("resolution").deadline
    assert clocks.on_tick(state, "resolution", clock.warn_at - timedelta(seconds=1)) == []
    [warning] = clocks.on_tick(state, "resolution", clock.warn_at)
    assert without_notice(warning) == DeadlineApproached(clock="resolution", instance=1, warn_at=clock.warn_at, due_at=clock.due_at,
                                         share=0.75)
    state = fold([warning], state)
    assert clocks.on_tick(state, "resolution", clock.warn_at + timedelta(hours=1)) == []
    [breach] = clocks.on_tick(state, "resolution", clock.due_at)
    state = fold([breach], state)
    assert clocks.on_tick(state, "resolution", clock.due_at + timedelta(days=3)) == []


def test_a_late_timer_gives_the_warning_and_the_breach_together_in_order():
    state = classified_state()
    events = clocks.on_tick(state, "resolution", at(30, 9))
    assert [type(e) for e in events] == [DeadlineApproached, DeadlineBreached]


def test_the_timer_row_holds_the_warning_then_the_breach_then_nothing():
    state = classified_state()
    clock = state.get("resolution").deadline
    assert clocks.timers(state)["resolution"] == clock.warn_at
    state = fold(clocks.on_tick(state, "resolution", clock.warn_at), state)
    assert clocks.timers(state)["resolution"] == clock.due_at
    state = fold(clocks.on_tick(state, "resolution", clock.due_at), state)
    assert clocks.timers(state)["resolution"] is None
    assert clocks.timers(state)[clocks.PAUSE_OVERRUN] is None


def test_a_contact_restarts_the_update_interval_and_satisfies_the_first_response():
    state, events = act(classified_state(), LogContact(at=at(24, 15), by="cs-1"))
    assert [(type(e).__name__, e.clock, e.instance) for e in events] == [
        ("ClockStopped", "acknowledgement", 1), ("ClockStopped", "first_response", 1),
        ("ClockStopped", "update", 1), ("DeadlineSet", "update", 2)]
    update = state.get("update")
    assert update.instance == 2 and update.due_at == at(26, 23, 59).replace(second=59)
    assert update.deadline.reason == "contacted" and update.deadline.started_at == at(24, 15)
    assert clocks.timers(state)["first_response"] is None


def test_an_acknowledgement_satisfies_only_the_acknowledgement_clock():
    state, _ = act(classified_state(), LogContact(at=at(23, 11), by="cs-1", kind="acknowledgement"))
    assert state.get("acknowledgement").state == "stopped"
    assert state.get("first_response").state == "running" and state.get("update").instance == 2


def test_each_update_interval_warns_and_breaches_once_on_its_own():
    state = classified_state()
    first = state.get("update").deadline
    state = fold(clocks.on_tick(state, "update", first.due_at), state)
    state, _ = act(state, LogContact(at=at(26, 10), by="cs-1"))
    second = state.get("update").deadline
    assert without_notice(clocks.on_tick(state, "update", second.due_at)[-1]) == DeadlineBreached(
        clock="update", due_at=second.due_at, instance=2)


def test_resolution_stops_every_clock():
    state, events = act(classified_state(), ResolveComplaint(at=at(25, 16), by="cs-1"))
    assert {(e.clock, e.reason) for e in events if isinstance(e, ClockStopped)} == {
        ("acknowledgement", "resolved"), ("first_response", "resolved"), ("update", "resolved"),
        ("resolution", "resolved")}
    assert set(clocks.timers(state).values()) == {None}
    assert clocks.on_tick(state, "resolution", at(30, 9)) == []


def test_resolving_twice_changes_nothing():
    state, _ = act(classified_state(), ResolveComplaint(at=at(25, 16), by="cs-1"))
    assert actions.decide(state, ResolveComplaint(at=at(25, 17), by="cs-1"), at(25, 17)) == []


def test_reopening_starts_a_new_resolution_clock_that_can_warn_and_breach_again():
    state = classified_state()
    state = fold(clocks.on_tick(state, "resolution", at(27, 9)), state)  # instance 1 warned and breached
    state, _ = act(state, ResolveComplaint(at=at(27, 10), by="cs-1"))
    state, events = act(state, ReopenComplaint(at=at(30, 10), by="cs-1", reason="complainant not satisfied"))
    assert [(e.clock, e.instance, e.reason) for e in events] == [
        ("resolution", 2, "reopened"), ("update", 2, "reopened")]
    reopened = state.get("resolution")
    assert reopened.due_at == datetime(2026, 12, 3, 23, 59, 59, tzinfo=SHANGHAI) and not reopened.breached
    assert [type(e) for e in clocks.on_tick(state, "resolution", reopened.due_at)] == [
        DeadlineApproached, DeadlineBreached]


def test_only_a_resolved_case_can_be_reopened():
    with pytest.raises(CommandRejected, match="only a resolved case"):
        actions.decide(classified_state(), ReopenComplaint(at=at(24, 9), by="cs-1", reason="x"), at(24, 9))


def test_a_command_dated_in_the_future_is_rejected():
    with pytest.raises(CommandRejected, match="lies in the future"):
        actions.decide(classified_state(), LogContact(at=at(24, 9), by="cs-1"), at(24, 8))


def test_a_case_without_clocks_takes_no_commands():
    with pytest.raises(CommandRejected, match="not been classified"):
        actions.decide(clocks.Clocks(), LogContact(at=at(24, 9), by="cs-1"), at(24, 9))


def test_people_hear_of_a_breach_at_night_when_their_working_day_opens():
    event = set_clock("complaint")
    state = clocks.evolve(clocks.Clocks(), event)
    # due 23:59:59 Thursday in Shanghai; the timer fires at 00:00:30 Friday local
    [*_, breach] = clocks.on_tick(state, "resolution", event.due_at + timedelta(seconds=31))
    assert breach.notify_at == datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def test_people_hear_of_a_breach_in_working_hours_at_once():
    event = set_clock("complaint")
    state = clocks.evolve(clocks.Clocks(), event)
    ten_am = datetime(2026, 11, 27, 10, 0, tzinfo=timezone(timedelta(hours=8)))
    [*_, breach] = clocks.on_tick(state, "resolution", ten_am)
    assert breach.notify_at == ten_am
