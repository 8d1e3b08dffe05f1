"""Waiting on the complainant or an external appraisal: operational clocks pause and
resume with the business time they had left; statutory clocks never pause; a wait that
outlasts the complainant's reply is reported, once."""

from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from contracts.sla import (
    ClockPaused, ClockResumed, ComplainantReplied, DeadlineApproached, DeadlineBreached, PauseOverrunDetected,
    WaitingEnded, WaitingStarted,
)
from services.sla.domain import actions, clocks
from services.sla.domain.business_time import Schedule
from services.sla.domain.calendars import calendar_for
from services.sla.domain.commands import CommandRejected, EndWaiting, LogContact, RecordReply, StartWaiting
from services.sla.domain.policies import preset
from tests.unit.builders import classified, received

pytestmark = pytest.mark.unit


def without_notice(event):
    """The event without its notification time (tested on its own below)."""
    return event.model_copy(update={"notify_at": None})

CST = timezone(timedelta(hours=8))


def at(month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=CST)


def fold(events, state=None):
    state = state or clocks.Clocks()
    for event in events:
        state = clocks.evolve(state, event)
    return state


def opened(level="complaint", when=at(11, 23, 10, 15), policy=None):
    return fold(clocks.on_classified(clocks.Clocks(), received(at=when), classified(level), policy))


def act(state, command):
    events = actions.decide(state, command, command.at)
    return fold(events, state), events


def wait(on="complainant", reason="asked for the treatment record"):
    return lambda when: StartWaiting(at=when, by="cs-1", waiting_on=on, reason=reason)


def resume(when):
    return EndWaiting(at=when, by="cs-1")


def test_a_pause_over_a_weekend_costs_nothing_and_the_remaining_time_carries_over():
    state = opened("dispute")  # 7 working days: due Wednesday 2 December, 23:59:59
    before = state.get("resolution").deadline
    state, _ = act(state, wait()(at(11, 27, 18)))  # Friday 18:00
    state, events = act(state, resume(at(11, 30, 9)))  # Monday 09:00
    after = state.get("resolution").deadline
    assert after.due_at == at(12, 3, 14, 59, 59) and after.reason == "resumed"
    [resumed] = [e for e in events if isinstance(e, ClockResumed) and e.clock == "resolution"]
    assert resumed.paused_business_seconds == 15 * 3600  # Friday 18-24 and Monday 0-9; not the weekend
    schedule = Schedule(timezone="Asia/Shanghai", calendar=calendar_for("CN"))
    assert schedule.elapsed(at(11, 30, 9), after.due_at) == schedule.elapsed(at(11, 27, 18), before.due_at)


def test_a_pause_wholly_inside_a_weekend_leaves_the_deadline_where_it_was():
    state = opened("dispute")
    due = state.get("resolution").due_at
    state, _ = act(state, wait()(at(11, 28, 10)))
    state, _ = act(state, resume(at(11, 29, 20)))
    assert state.get("resolution").due_at == due


def test_a_pause_across_national_day_carries_over_onto_a_make_up_working_saturday():
    state = opened("complaint", when=at(9, 29, 10))  # due Friday 9 October: Oct 1-7 are days off
    assert state.get("resolution").due_at == at(10, 9, 23, 59, 59)
    state, _ = act(state, wait()(at(9, 30, 12)))
    state, _ = act(state, resume(at(10, 8, 12)))  # one working day of pause: Sep 30 and Oct 8, half each
    assert state.get("resolution").due_at == at(10, 10, 23, 59, 59)  # Saturday 10 October is a working day


def test_an_hour_based_clock_carries_its_remaining_business_hours_to_the_next_opening():
    state = opened()  # acknowledgement: 2 business hours from Monday 10:15, due 12:15
    state, _ = act(state, wait()(at(11, 23, 11, 15)))
    state, _ = act(state, resume(at(11, 23, 17, 30)))
    assert state.get("acknowledgement").due_at == at(11, 24, 9, 30)  # 30 min today, 30 min on Tuesday


def test_a_statutory_clock_never_pauses():
    state = opened(policy=preset("CN"))  # CN: feedback on a complex case within 5 working days, statutory
    state, events = act(state, wait()(at(11, 24, 9)))
    assert {e.clock for e in events if isinstance(e, ClockPaused)} == {"acknowledgement", "first_response", "update"}
    resolution = state.get("resolution")
    assert resolution.state == "running" and clocks.timers(state)["resolution"] is not None
    assert without_notice(clocks.on_tick(state, "resolution", resolution.due_at)[-1]) == DeadlineBreached(
        clock="resolution", due_at=resolution.due_at)


def test_a_paused_clock_fires_nothing_and_leaves_the_timer():
    state, _ = act(opened(), wait()(at(11, 24, 9)))
    assert clocks.on_tick(state, "resolution", at(12, 30, 9)) == []
    assert clocks.timers(state)["resolution"] is None


def test_a_pause_needs_a_reason():
    with pytest.raises(ValidationError):
        StartWaiting(at=at(11, 24, 9), by="cs-1", waiting_on="complainant", reason="")


def test_a_pause_is_audited_with_who_why_and_on_whom():
    _, events = act(opened(), wait("external_appraisal", "medical-accident appraisal requested")(at(11, 24, 9)))
    assert events[0] == WaitingStarted(waiting_on="external_appraisal", reason="medical-accident appraisal requested",
                                       started_at=at(11, 24, 9), by="cs-1")
    assert all(e.reason == "medical-accident appraisal requested" for e in events[1:])


def test_a_case_waits_on_one_thing_at_a_time():
    state, _ = act(opened(), wait()(at(11, 24, 9)))
    with pytest.raises(CommandRejected, match="already waits on the complainant"):
        act(state, wait()(at(11, 24, 10)))
    with pytest.raises(CommandRejected, match="not waiting"):
        act(opened(), resume(at(11, 24, 10)))


def test_a_pending_warning_moves_with_the_pause_and_a_given_one_is_not_repeated():
    state = opened("dispute")
    warn_at = state.get("resolution").deadline.warn_at
    state, _ = act(state, wait()(at(11, 25, 9)))
    state, _ = act(state, resume(at(11, 26, 9)))  # 24 business hours paused
    moved = state.get("resolution").deadline.warn_at
    assert moved == warn_at + timedelta(days=1)
    state = fold(clocks.on_tick(state, "resolution", moved), state)
    state, _ = act(state, wait()(at(12, 1, 9)))
    state, _ = act(state, resume(at(12, 1, 15)))
    due = state.get("resolution").due_at
    assert [type(e) for e in clocks.on_tick(state, "resolution", due)] == [DeadlineBreached]


def test_a_wait_that_outlasts_the_complainants_reply_is_reported_once():
    state, _ = act(opened(), wait()(at(11, 24, 10)))
    state, events = act(state, RecordReply(at=at(11, 25, 9), by="cs-1"))
    assert events == [ComplainantReplied(replied_at=at(11, 25, 9), report_overrun_at=at(11, 26, 23, 59, 59))]
    assert clocks.timers(state)[clocks.PAUSE_OVERRUN] == at(11, 26, 23, 59, 59)
    assert clocks.on_tick(state, clocks.PAUSE_OVERRUN, at(11, 26, 23, 59, 58)) == []
    [overrun] = clocks.on_tick(state, clocks.PAUSE_OVERRUN, at(11, 27, 0))
    assert overrun == PauseOverrunDetected(waiting_on="complainant", paused_since=at(11, 24, 10),
                                           replied_at=at(11, 25, 9), detected_at=at(11, 27, 0))
    state = fold([overrun], state)
    assert clocks.on_tick(state, clocks.PAUSE_OVERRUN, at(11, 28, 0)) == []
    assert clocks.timers(state)[clocks.PAUSE_OVERRUN] is None


def test_a_wait_ended_in_time_after_the_reply_is_not_reported():
    state, _ = act(opened(), wait()(at(11, 24, 10)))
    state, _ = act(state, RecordReply(at=at(11, 25, 9), by="cs-1"))
    state, events = act(state, resume(at(11, 25, 11)))
    assert isinstance(events[0], WaitingEnded)
    assert clocks.on_tick(state, clocks.PAUSE_OVERRUN, at(11, 30, 0)) == []


def test_a_reply_does_not_matter_while_waiting_on_an_external_appraisal():
    state, _ = act(opened(), wait("external_appraisal", "court appraisal")(at(11, 24, 10)))
    assert actions.decide(state, RecordReply(at=at(11, 25, 9), by="cs-1"), at(11, 25, 9)) == []


def test_an_update_interval_started_during_a_wait_starts_paused():
    state, _ = act(opened(), wait()(at(11, 24, 10)))
    state, events = act(state, LogContact(at=at(11, 24, 11), by="cs-1"))
    assert isinstance(events[-1], ClockPaused) and events[-1].instance == 2
    assert state.get("update").state == "paused"


def test_a_late_warning_during_a_wait_is_not_fired_until_the_clock_resumes():
    state = opened()  # acknowledgement: warning at 11:45, due 12:15
    state, _ = act(state, wait()(at(11, 23, 11, 55)))  # past the 75% instant, tick not yet run
    assert clocks.on_tick(state, "acknowledgement", at(11, 23, 13)) == []
    state, _ = act(state, resume(at(11, 24, 9)))
    moved = state.get("acknowledgement").deadline
    assert moved.due_at == at(11, 24, 9, 20) and moved.warn_at < at(11, 24, 9)  # 20 minutes were left
    assert [type(e) for e in clocks.on_tick(state, "acknowledgement", at(11, 24, 9))] == [DeadlineApproached]
