"""Notifications respect the recipient's working hours and calendar, not midnight."""

from datetime import datetime, timedelta, timezone

import pytest

from services.sla.domain.calendars import calendar_for
from services.sla.domain.notifications import notify_at

pytestmark = pytest.mark.unit

CST = timezone(timedelta(hours=8))
MSK = timezone(timedelta(hours=3))


def test_an_event_inside_working_hours_is_notified_at_once():
    event = datetime(2026, 11, 26, 10, 30, tzinfo=CST)
    assert notify_at(event, "Asia/Shanghai", "09:00-18:00", calendar_for("CN")) == event


def test_a_warning_at_night_waits_for_the_morning():
    assert notify_at(datetime(2026, 11, 26, 2, 33, 44, tzinfo=CST), "Asia/Shanghai", "09:00-18:00",
                     calendar_for("CN")) == datetime(2026, 11, 26, 9, 0, tzinfo=CST)


def test_a_breach_on_friday_evening_is_notified_on_monday_morning():
    assert notify_at(datetime(2026, 11, 27, 23, 59, 59, tzinfo=CST), "Asia/Shanghai", "09:00-18:00",
                     calendar_for("CN")) == datetime(2026, 11, 30, 9, 0, tzinfo=CST)


def test_holidays_are_skipped_and_make_up_working_days_count():
    # National Day 2026: 1-7 October off; Saturday 10 October is a working day.
    assert notify_at(datetime(2026, 9, 30, 19, 0, tzinfo=CST), "Asia/Shanghai", "09:00-18:00",
                     calendar_for("CN")) == datetime(2026, 10, 8, 9, 0, tzinfo=CST)
    assert notify_at(datetime(2026, 10, 9, 18, 30, tzinfo=CST), "Asia/Shanghai", "09:00-18:00",
                     calendar_for("CN")) == datetime(2026, 10, 10, 9, 0, tzinfo=CST)


def test_the_recipients_own_zone_and_calendar_decide_not_the_branchs():
    # 14:00 in Shanghai is 09:00 in Moscow: a Moscow supervisor is told right away...
    event = datetime(2026, 11, 24, 14, 0, tzinfo=CST)
    assert notify_at(event, "Europe/Moscow", "09:00-18:00", calendar_for("RU")) == event
    # ...but an event at 10:00 Shanghai time (05:00 in Moscow) waits for 09:00 Moscow time.
    assert notify_at(datetime(2026, 11, 24, 10, 0, tzinfo=CST), "Europe/Moscow", "09:00-18:00",
                     calendar_for("RU")) == datetime(2026, 11, 24, 9, 0, tzinfo=MSK)


def test_a_naive_event_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        notify_at(datetime(2026, 11, 24, 10, 0), "Asia/Shanghai", "09:00-18:00", calendar_for("CN"))
