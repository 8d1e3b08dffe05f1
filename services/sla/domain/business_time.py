"""Business time: how much of a clock's allowed time passes between two instants.

A clock's time runs only inside its windows (see docs/sla.md):
- `working_days` and `same_day` rules: the whole of each working day of the branch's
  calendar, local midnight to midnight (weekends and holidays do not count; make-up
  working days do);
- `working_hours` rules: the business hours of each working day;
- `calendar_days` rules: every day, whole (civil-code periods run through holidays).

The warning instant is the point where a share of the allowed business time has passed,
and pausing an operational clock moves its deadline by the business time that passed
while it was paused, so the remaining business time carries over: a pause over a weekend
or a holiday costs the clinic nothing and gives it nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from services.sla.domain.calendars import MAX_DAYS_WITHOUT_WORK, BusinessCalendar
from services.sla.domain.due import BusinessHours, DueRule, business_window, zone_named

UTC = dt.timezone.utc
WHOLE_DAY = BusinessHours(opens=dt.time(0), closes=None)
ZERO = dt.timedelta(0)


@dataclass(frozen=True)
class Schedule:
    """When a clock's time runs: windows on the days of a calendar (None: every day)."""

    timezone: str
    calendar: BusinessCalendar | None
    hours: BusinessHours = WHOLE_DAY

    @classmethod
    def for_rule(cls, rule: DueRule, timezone: str, calendar: BusinessCalendar) -> Schedule:
        if rule.kind == "working_hours":
            return cls(timezone, calendar, rule.business_hours)
        if rule.kind == "calendar_days":
            return cls(timezone, None)
        return cls(timezone, calendar)

    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Business time between two instants (zero when `end` is not after `start`)."""
        total = ZERO
        if end <= start:
            return total
        for opens, closes in self.windows(start):
            if opens >= end:
                break
            total += min(closes, end) - opens
        return total

    def advance(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        """The earliest instant at which `amount` of business time has passed since `start`."""
        zone = zone_named(self.timezone)
        if amount <= ZERO:
            return start.astimezone(zone)
        for opens, closes in self.windows(start):
            if amount <= closes - opens:
                return (opens + amount).astimezone(zone)
            amount -= closes - opens
        raise AssertionError("unreachable: windows() raises when it runs out of working days")

    def windows(self, start: dt.datetime) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        zone = zone_named(self.timezone)
        cursor = start.astimezone(UTC)
        day, idle_days = start.astimezone(zone).date(), 0
        while idle_days <= MAX_DAYS_WITHOUT_WORK:
            if self.calendar is None or self.calendar.is_working_day(day):
                opens, closes = business_window(day, self.hours, zone)
                if closes > cursor:
                    idle_days = 0
                    yield max(opens, cursor), closes
            idle_days += 1
            day += dt.timedelta(days=1)
        country = self.calendar.country if self.calendar else "every-day"
        raise ValueError(f"calendar {country} has no business time within {MAX_DAYS_WITHOUT_WORK} days")
