"""The resolution clock of the seed preset, and breaching exactly once."""

from datetime import datetime, timedelta, timezone

import pytest

from contracts.sla import DeadlineBreached, DeadlineSet
from services.sla.domain import clocks
from tests.unit.builders import classified, received

pytestmark = pytest.mark.unit

# Monday 23 November 2026, 10:15 in Shanghai.
MONDAY = datetime(2026, 11, 23, 10, 15, tzinfo=timezone(timedelta(hours=8)))


def set_clock(level: str, at: datetime = MONDAY, **branch) -> DeadlineSet:
    [event] = clocks.on_classified(clocks.Clocks(), received(at=at, **branch), classified(level))
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
    state = clocks.evolve(clocks.Clocks(), event)
    assert clocks.on_tick(state, "resolution", event.due_at - timedelta(seconds=1)) == []
    [breach] = clocks.on_tick(state, "resolution", event.due_at)
    assert breach == DeadlineBreached(clock="resolution", due_at=event.due_at)
    assert clocks.on_tick(clocks.evolve(state, breach), "resolution", event.due_at + timedelta(days=1)) == []
