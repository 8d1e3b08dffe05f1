"""Business calendars: which local dates are working days in a branch's country.

Seed 001 and section 4 of the domain spec count deadlines in working days of the
branch's country, "including holidays and weekend days declared working days".

- Public holidays and weekends come from python-holidays (pinned 0.109, the first
  release right for CN and RU 2025-2026), which also models make-up working days
  (`weekend_workdays`: China's 调休, Russia's transferred days off).
- Years transcribed from an official notice live in `services/sla/data/
  official_calendars.yaml` (State Council General Office notices for CN, Russian
  Government decrees on transfers of days off for RU). Those years are *verified* and
  the data file is authoritative for them.
- In a country whose working days are fixed by a yearly act, any other year is
  *unverified*: the library then guesses without make-up days, so deadlines counted
  in it must carry a warning (see `due.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

import holidays
import yaml

DATA_FILE = "official_calendars.yaml"
MAX_DAYS_WITHOUT_WORK = 366


class UnknownCountryError(LookupError):
    """No holiday calendar exists for this country code."""

    def __init__(self, country: str) -> None:
        super().__init__(f"unknown country {country!r}: no holiday calendar for this ISO 3166 alpha-2 code")
        self.country = country


class Verification(Enum):
    VERIFIED = "verified"  # transcribed from an official notice, see OfficialYear.source
    UNVERIFIED = "unverified"  # a yearly act is needed and none is encoded
    RULE_BASED = "rule_based"  # no yearly act expected: library holidays and weekends


@dataclass(frozen=True)
class OfficialYear:
    """One year of a country's calendar as an official notice declares it."""

    year: int
    source: str
    url: str
    rest_days: frozenset[dt.date]
    working_days: frozenset[dt.date]


@dataclass(frozen=True)
class BusinessCalendar:
    country: str
    weekend: frozenset[int]
    needs_annual_notice: bool
    official_years: dict[int, OfficialYear] = field(hash=False)
    _library: Any = field(repr=False, compare=False, hash=False)

    def is_working_day(self, day: dt.date) -> bool:
        official = self.official_years.get(day.year)
        if official is None:
            return bool(self._library.is_working_day(day))
        if day in official.working_days:
            return True
        return day.weekday() not in self.weekend and day not in official.rest_days

    def verification(self, year: int) -> Verification:
        if year in self.official_years:
            return Verification.VERIFIED
        return Verification.UNVERIFIED if self.needs_annual_notice else Verification.RULE_BASED

    def is_verified(self, year: int) -> bool:
        return self.verification(year) is Verification.VERIFIED

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        for offset in range(1, MAX_DAYS_WITHOUT_WORK + 1):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"calendar {self.country} has no working day within {MAX_DAYS_WITHOUT_WORK} days after {day}")


def calendar_for(country: str) -> BusinessCalendar:
    """The business calendar of an ISO 3166 alpha-2 country (case-insensitive)."""
    if not isinstance(country, str) or len(country.strip()) != 2 or not country.strip().isalpha():
        raise UnknownCountryError(str(country))
    return _calendar_for(country.strip().upper())


@cache
def _calendar_for(code: str) -> BusinessCalendar:
    try:
        library = holidays.country_holidays(code)
    except NotImplementedError:
        raise UnknownCountryError(code) from None
    data = _official_data()
    return BusinessCalendar(
        country=code,
        weekend=frozenset(library.weekend),
        needs_annual_notice=code in data["annual_notice_countries"],
        official_years=_official_years(code, data),
        _library=library,
    )


@cache
def _official_data() -> dict[str, Any]:
    text = resources.files("services.sla.data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _official_years(code: str, data: dict[str, Any]) -> dict[int, OfficialYear]:
    entries = data.get("verified", {}).get(code, {})
    return {
        int(year): OfficialYear(
            year=int(year),
            source=" ".join(entry["source"].split()),
            url=entry["url"],
            rest_days=frozenset(_expand_days(entry["rest_days"])),
            working_days=frozenset(_expand_days(entry["working_days"])),
        )
        for year, entry in entries.items()
    }


def _expand_days(items: list[dt.date | str]) -> list[dt.date]:
    days: list[dt.date] = []
    for item in items:
        if isinstance(item, dt.date):
            days.append(item)
            continue
        first, _, last = str(item).partition("..")
        start = dt.date.fromisoformat(first)
        end = dt.date.fromisoformat(last) if last else start
        days.extend(start + dt.timedelta(days=n) for n in range((end - start).days + 1))
    return days
