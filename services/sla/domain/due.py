"""Due dates of SLA clocks, counted in the branch's time zone and business calendar.

Semantics (issue 5, used everywhere in Redress):

- `working_days N` ends at 23:59:59 local time of the Nth working day after the local
  date of receipt; the day of receipt never counts. N = 0 is `same_day`.
- `same_day` ends at 23:59:59 of the local day of receipt if it is a working day, else
  of the next working day (seed 001: on-site levels are handled at once).
- `calendar_days N` ends at 23:59:59 of the Nth calendar day after the local date of
  receipt, moved to the end of the next working day when that day is not a working day
  (Civil Code of the Russian Federation art. 193; Civil Code of the PRC art. 203).
- `working_hours N` counts N hours of business time (e.g. 09:00-18:00, working days
  only) from receipt, starting at the next opening when received outside hours. Hours
  are elapsed time, so a window that spans a DST change is measured as it was lived.

A deadline that consults a calendar year no official notice has verified carries a
warning instead of pretending (see `calendars.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from services.sla.domain.calendars import MAX_DAYS_WITHOUT_WORK, BusinessCalendar, Verification

RuleKind = Literal["working_days", "calendar_days", "working_hours", "same_day"]
END_OF_DAY = dt.time(23, 59, 59)
UTC = dt.timezone.utc


class UnknownTimeZoneError(LookupError):
    def __init__(self, name: object) -> None:
        super().__init__(f"unknown time zone {name!r}: expected an IANA name such as 'Asia/Shanghai'")
        self.name = name


class InvalidRuleError(ValueError):
    """A deadline rule that cannot be applied (bad kind, amount or business hours)."""


@dataclass(frozen=True)
class BusinessHours:
    """Daily opening window on working days; `closes` None means 24:00."""

    opens: dt.time
    closes: dt.time | None

    @classmethod
    def parse(cls, text: str) -> BusinessHours:
        try:
            first, last = str(text).split("-")
            opens = dt.time.fromisoformat(first.strip())
            closes = None if last.strip() == "24:00" else dt.time.fromisoformat(last.strip())
        except ValueError:
            raise InvalidRuleError(f"business hours {text!r} are not of the form 'HH:MM-HH:MM'") from None
        if closes is not None and closes <= opens:
            raise InvalidRuleError(f"business hours {text!r} close before they open")
        return cls(opens=opens, closes=closes)


def business_window(day: dt.date, business: BusinessHours, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """One working day's opening and closing, in UTC (`closes` None: open until midnight)."""
    opens = dt.datetime.combine(day, business.opens, tzinfo=zone)
    if business.closes is None:
        closes = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    else:
        closes = dt.datetime.combine(day, business.closes, tzinfo=zone)
    return opens.astimezone(UTC), closes.astimezone(UTC)


DEFAULT_BUSINESS_HOURS = BusinessHours(opens=dt.time(9), closes=dt.time(18))


@dataclass(frozen=True)
class DueRule:
    kind: RuleKind
    amount: int
    business_hours: BusinessHours = DEFAULT_BUSINESS_HOURS

    def __post_init__(self) -> None:
        if self.kind not in get_args(RuleKind):
            raise InvalidRuleError(f"unknown rule kind {self.kind!r}; expected one of {', '.join(get_args(RuleKind))}")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise InvalidRuleError(f"rule amount must be a whole number >= 0, got {self.amount!r}")
        if self.kind == "same_day" and self.amount != 0:
            raise InvalidRuleError("a same_day rule takes no amount")


@dataclass(frozen=True)
class Deadline:
    due: dt.datetime
    warnings: tuple[str, ...] = ()


def zone_named(name: str) -> ZoneInfo:
    if not isinstance(name, str) or not name.strip():
        raise UnknownTimeZoneError(name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownTimeZoneError(name) from None


def compute_due(received_at: dt.datetime, timezone: str, calendar: BusinessCalendar, rule: DueRule) -> Deadline:
    """The deadline of `rule` for a message received at `received_at`, in the branch's zone."""
    if received_at.tzinfo is None or received_at.utcoffset() is None:
        raise ValueError("received_at must be timezone-aware (carry a UTC offset)")
    zone = zone_named(timezone)
    received_local = received_at.astimezone(zone)
    if rule.kind == "working_hours":
        due = _after_business_hours(received_local, rule.amount, rule.business_hours, calendar, zone)
    else:
        due = _end_of_day(_due_day(received_local.date(), rule, calendar), zone)
    years = range(received_local.date().year, due.date().year + 1)
    return Deadline(due=due, warnings=tuple(_unverified_year_warnings(calendar, years)))


def _due_day(received: dt.date, rule: DueRule, calendar: BusinessCalendar) -> dt.date:
    if rule.kind == "working_days" and rule.amount > 0:
        day = received
        for _ in range(rule.amount):
            day = calendar.next_working_day(day)
        return day
    day = received + dt.timedelta(days=rule.amount if rule.kind == "calendar_days" else 0)
    return day if calendar.is_working_day(day) else calendar.next_working_day(day)


def _end_of_day(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    wall = dt.datetime.combine(day, END_OF_DAY, tzinfo=zone)
    return wall.astimezone(UTC).astimezone(zone)


def _after_business_hours(
    received: dt.datetime, hours: int, business: BusinessHours, calendar: BusinessCalendar, zone: ZoneInfo
) -> dt.datetime:
    remaining = dt.timedelta(hours=hours)
    cursor = received.astimezone(UTC)
    day, idle_days = received.date(), 0
    while idle_days <= MAX_DAYS_WITHOUT_WORK:
        if calendar.is_working_day(day):
            opens, closes = business_window(day, business, zone)
            start = max(opens, cursor)
            if start < closes:
                idle_days = 0
                if remaining <= closes - start:
                    return (start + remaining).astimezone(zone)
                remaining -= closes - start
        idle_days += 1
        day += dt.timedelta(days=1)
    raise ValueError(f"calendar {calendar.country} has no business hours within {MAX_DAYS_WITHOUT_WORK} days")


def _unverified_year_warnings(calendar: BusinessCalendar, years: range) -> list[str]:
    return [
        f"calendar for {calendar.country} {year} is not verified by an official notice"
        for year in years
        if calendar.verification(year) is Verification.UNVERIFIED
    ]
