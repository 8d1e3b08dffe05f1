"""SLA state is a pure function of the SLA's events (and the policy and calendar versions
in force): replaying the events, also through their JSON envelopes, rebuilds the same
deadlines, and deciding the same history again yields the same events."""

from datetime import datetime, timedelta, timezone

import pytest

from contracts.envelope import Envelope
from contracts.registry import payload_of
from contracts.sla import DeadlineBreached, DeadlineSet
from services.sla.domain import actions, clocks
from services.sla.domain.commands import (
    EndWaiting, LogContact, RecordReply, ReopenComplaint, ResolveComplaint, StartWaiting,
)
from services.sla.domain.policies import resolve_policy
from tests.unit.builders import classified, envelope, received

pytestmark = pytest.mark.unit

MSK = timezone(timedelta(hours=3))


def at(day: int, hour: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=MSK)


def fold(events, state=None):
    state = state or clocks.Clocks()
    for event in events:
        state = clocks.evolve(state, event)
    return state


def live_history(policy=None) -> tuple[list, clocks.Clocks]:
    """A case in Moscow lived through: classified, contacted, paused, replied, overran,
    resumed, warned and breached, resolved, reopened."""
    state, history = clocks.Clocks(), []

    def record(events):
        nonlocal state
        history.extend(events)
        state = fold(events, state)

    record(clocks.on_classified(state, received(at=at(23, 10), country="RU", tz="Europe/Moscow",
                                                branch="moscow-arbat"), classified("dispute"), policy))
    steps = [
        LogContact(at=at(23, 15), by="cs-1", kind="acknowledgement"),
        StartWaiting(at=at(24, 11), by="cs-1", waiting_on="complainant", reason="asked for the contract"),
        RecordReply(at=at(25, 9), by="cs-1"),
        at(27, 0),  # the timer runs: the wait outlasted the reply
        EndWaiting(at=at(27, 10), by="cs-1"),
        LogContact(at=at(27, 12), by="cs-1"),
        at(4, 12, month=12),  # the timer runs: warnings and breaches
        ResolveComplaint(at=at(4, 18, month=12), by="cs-1"),
        ReopenComplaint(at=at(7, 9, month=12), by="cs-1", reason="complainant disagrees"),
        at(30, 0, month=12),
    ]
    for step in steps:
        if isinstance(step, datetime):
            for row, due in clocks.timers(state).items():
                if due is not None and due <= step:
                    record(clocks.on_tick(state, row, step))
        else:
            record(actions.decide(state, step, step.at))
    return history, state


def test_the_history_covers_every_kind_of_sla_event():
    history, _ = live_history()
    assert {type(e).__name__ for e in history} >= {
        "DeadlineSet", "DeadlineApproached", "DeadlineBreached", "ClockPaused", "ClockResumed", "ClockStopped",
        "WaitingStarted", "ComplainantReplied", "PauseOverrunDetected", "WaitingEnded"}


def test_replaying_the_events_rebuilds_the_same_clocks_and_timers():
    history, live = live_history()
    replayed = fold(history)
    assert replayed == live and clocks.timers(replayed) == clocks.timers(live)


def test_replaying_from_the_stored_json_envelopes_rebuilds_the_same_deadlines():
    history, live = live_history()
    stored = [envelope(e, version=i + 1).model_dump_json() for i, e in enumerate(history)]
    replayed = fold(payload_of(Envelope.model_validate_json(raw)) for raw in stored)
    assert replayed == live
    assert clocks.timers(replayed) == clocks.timers(live)


def test_the_same_history_under_the_same_policy_and_calendars_decides_the_same_events():
    first, _ = live_history()
    again, _ = live_history()
    assert [e.model_dump(mode="json") for e in first] == [e.model_dump(mode="json") for e in again]


def test_another_policy_version_is_visible_in_the_deadlines_it_set():
    history, _ = live_history(resolve_policy("seed", {"clocks.resolution.incident.amount": 10}))
    policies = {e.policy for e in history if isinstance(e, DeadlineSet)}
    assert len(policies) == 1 and policies.pop().startswith("seed@1+")


def test_a_deadline_set_before_the_new_fields_existed_still_folds_and_breaches_once():
    old = DeadlineSet.model_validate({"clock": "resolution", "due_at": "2026-11-26T23:59:59+08:00",
                                      "policy": "seed@1", "rule": "working_days 3", "timezone": "Asia/Shanghai"})
    state = fold([old])
    assert clocks.timers(state)["resolution"] == old.due_at
    [breach] = clocks.on_tick(state, "resolution", old.due_at)
    assert breach == DeadlineBreached(clock="resolution", due_at=old.due_at)
    assert clocks.on_tick(fold([breach], state), "resolution", old.due_at) == []
