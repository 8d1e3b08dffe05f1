import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from services.sla.domain.calendars import BusinessCalendar, OfficialYear, calendar_for
from services.sla.domain.due import (
    BusinessHours,
    DueRule,
    InvalidRuleError,
    UnknownTimeZoneError,
    compute_due,
)

pytestmark = pytest.mark.unit

SHANGHAI, MOSCOW, LONDON, NEW_YORK = "Asia/Shanghai", "Europe/Moscow", "Europe/London", "America/New_York"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def due(received: str, zone: str, country: str, kind: str, amount: int, hours: str = "09:00-18:00") -> dt.datetime:
    deadline = compute_due(at(received), zone, calendar_for(country), DueRule(kind, amount, BusinessHours.parse(hours)))
    return deadline.due


def every_day_working(year: int) -> BusinessCalendar:
    """A real calendar in which every day of `year` works, to isolate clock arithmetic."""
    official = OfficialYear(year, "test", "https://example.test", frozenset(), frozenset())
    return BusinessCalendar("ZZ", frozenset(), False, {year: official}, None)


# working_days N: 23:59:59 of the Nth working day after the local date of receipt


def test_working_days_skip_national_day_and_end_on_the_make_up_saturday():
    assert due("2025-09-30T10:00+08:00", SHANGHAI, "CN", "working_days", 3) == at("2025-10-11T23:59:59+08:00")


def test_the_day_of_receipt_never_counts_even_when_received_at_dawn():
    assert due("2026-03-02T00:00:01+08:00", SHANGHAI, "CN", "working_days", 1) == at("2026-03-03T23:59:59+08:00")


def test_working_days_received_on_a_holiday_count_from_the_holiday():
    assert due("2025-10-03T12:00+08:00", SHANGHAI, "CN", "working_days", 1) == at("2025-10-09T23:59:59+08:00")


def test_working_days_received_on_a_make_up_day_do_not_count_it():
    assert due("2025-10-11T12:00+08:00", SHANGHAI, "CN", "working_days", 1) == at("2025-10-13T23:59:59+08:00")


def test_working_days_received_on_a_worked_russian_saturday_skip_the_transferred_days_off():
    assert due("2025-11-01T09:00+03:00", MOSCOW, "RU", "working_days", 1) == at("2025-11-05T23:59:59+03:00")


def test_seven_working_days_span_the_spring_festival_and_both_make_up_saturdays():
    # 13 Feb, 14 Feb (Sat, worked), 24-27 Feb, 28 Feb (Sat, worked): the 7th working day.
    assert due("2026-02-12T15:00+08:00", SHANGHAI, "CN", "working_days", 7) == at("2026-02-28T23:59:59+08:00")


# same_day (working_days 0)


def test_same_day_on_a_working_day_ends_that_evening():
    assert due("2026-03-04T10:00+08:00", SHANGHAI, "CN", "same_day", 0) == at("2026-03-04T23:59:59+08:00")


def test_same_day_on_a_holiday_ends_on_the_next_working_day():
    assert due("2026-05-02T10:00+03:00", MOSCOW, "RU", "same_day", 0) == at("2026-05-04T23:59:59+03:00")


def test_zero_working_days_is_same_day():
    assert due("2026-02-15T10:00+08:00", SHANGHAI, "CN", "working_days", 0) == at("2026-02-24T23:59:59+08:00")


# calendar_days N: the Nth calendar day, moved to the next working day (RU art. 193, CN art. 203)


def test_calendar_days_ending_on_a_working_day_stay_there():
    assert due("2026-02-02T10:00+03:00", MOSCOW, "RU", "calendar_days", 10) == at("2026-02-12T23:59:59+03:00")


def test_calendar_days_ending_on_a_day_off_move_past_the_whole_may_break():
    # 30 April + 10 = 10 May, a Sunday; 11 May is the day off for Victory Day on a Saturday.
    assert due("2026-04-30T10:00+03:00", MOSCOW, "RU", "calendar_days", 10) == at("2026-05-12T23:59:59+03:00")


def test_calendar_days_ending_on_a_make_up_saturday_end_there():
    assert due("2026-02-04T10:00+08:00", SHANGHAI, "CN", "calendar_days", 10) == at("2026-02-14T23:59:59+08:00")


# time zones: the local date of receipt decides


def test_received_in_utc_one_second_before_local_midnight_counts_from_that_local_day():
    assert due("2025-10-10T15:59:59+00:00", SHANGHAI, "CN", "working_days", 1) == at("2025-10-11T23:59:59+08:00")


def test_received_in_utc_at_local_midnight_counts_from_the_next_local_day():
    assert due("2025-10-10T16:00:00+00:00", SHANGHAI, "CN", "working_days", 1) == at("2025-10-13T23:59:59+08:00")


def test_due_is_expressed_in_the_branch_zone():
    deadline = compute_due(at("2026-03-02T02:00+00:00"), SHANGHAI, calendar_for("CN"), DueRule("working_days", 1))

    assert deadline.due.utcoffset() == dt.timedelta(hours=8)
    assert deadline.due.tzinfo == ZoneInfo(SHANGHAI)


def test_working_days_across_the_end_of_british_summer_time_end_at_local_midnight():
    assert due("2026-10-23T17:00+01:00", LONDON, "GB", "working_days", 1) == at("2026-10-26T23:59:59+00:00")


def test_calendar_days_across_the_start_of_us_daylight_time_end_at_local_midnight():
    assert due("2026-03-05T12:00-05:00", NEW_YORK, "US", "calendar_days", 5) == at("2026-03-10T23:59:59-04:00")


# working_hours N: business time on working days, from the next opening when outside hours


def test_working_hours_within_the_day():
    assert due("2026-03-03T10:15+08:00", SHANGHAI, "CN", "working_hours", 4) == at("2026-03-03T14:15+08:00")


def test_working_hours_that_fill_the_day_end_at_closing_not_next_opening():
    assert due("2026-03-03T14:00+08:00", SHANGHAI, "CN", "working_hours", 4) == at("2026-03-03T18:00+08:00")


def test_working_hours_carry_over_to_the_next_working_day():
    assert due("2026-03-03T17:00+08:00", SHANGHAI, "CN", "working_hours", 3) == at("2026-03-04T11:00+08:00")


def test_working_hours_received_before_opening_start_at_opening():
    assert due("2026-03-03T06:30+08:00", SHANGHAI, "CN", "working_hours", 2) == at("2026-03-03T11:00+08:00")


def test_working_hours_received_after_closing_before_the_holiday_start_after_it():
    assert due("2025-09-30T19:00+08:00", SHANGHAI, "CN", "working_hours", 2) == at("2025-10-09T11:00+08:00")


def test_working_hours_run_on_a_make_up_saturday():
    assert due("2026-02-13T17:00+08:00", SHANGHAI, "CN", "working_hours", 2) == at("2026-02-14T10:00+08:00")


def test_zero_working_hours_after_closing_is_the_next_opening():
    assert due("2026-03-06T18:00+08:00", SHANGHAI, "CN", "working_hours", 0) == at("2026-03-09T09:00+08:00")


def test_working_hours_follow_the_branch_business_hours():
    received = "2026-03-03T13:00+08:00"
    assert due(received, SHANGHAI, "CN", "working_hours", 3, "10:00-14:00") == at("2026-03-04T12:00+08:00")


def test_working_hours_are_elapsed_time_across_a_dst_change():
    # 23:00 EST + 5 hours of round-the-clock business: the skipped 02:00-03:00 does not count.
    calendar = every_day_working(2026)
    rule = DueRule("working_hours", 5, BusinessHours.parse("00:00-24:00"))

    deadline = compute_due(at("2026-03-07T23:00-05:00"), NEW_YORK, calendar, rule)

    assert deadline.due == at("2026-03-08T05:00-04:00")
    assert deadline.due.utcoffset() == dt.timedelta(hours=-4)


# warnings: a deadline on an unverified calendar year says so


def test_verified_years_give_no_warning():
    deadline = compute_due(at("2026-12-01T10:00+08:00"), SHANGHAI, calendar_for("CN"), DueRule("working_days", 3))

    assert deadline.warnings == ()


def test_unverified_year_warns():
    deadline = compute_due(at("2027-03-01T10:00+08:00"), SHANGHAI, calendar_for("CN"), DueRule("working_days", 3))

    assert deadline.due == at("2027-03-04T23:59:59+08:00")
    assert deadline.warnings == ("calendar for CN 2027 is not verified by an official notice",)


def test_deadline_running_into_an_unverified_year_warns_for_that_year_only():
    deadline = compute_due(at("2026-12-29T10:00+03:00"), MOSCOW, calendar_for("RU"), DueRule("working_days", 3))

    assert deadline.warnings == ("calendar for RU 2027 is not verified by an official notice",)


def test_rule_based_countries_give_no_warning():
    deadline = compute_due(at("2031-06-02T10:00+01:00"), LONDON, calendar_for("GB"), DueRule("working_days", 3))

    assert deadline.warnings == ()


# errors


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "Asia", "../etc/passwd", None])
def test_unknown_time_zone_is_a_specific_error(zone):
    with pytest.raises(UnknownTimeZoneError, match="unknown time zone"):
        compute_due(at("2026-03-03T10:00+08:00"), zone, calendar_for("CN"), DueRule("working_days", 1))


def test_naive_receipt_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        compute_due(dt.datetime(2026, 3, 3, 10), SHANGHAI, calendar_for("CN"), DueRule("working_days", 1))


@pytest.mark.parametrize(
    "kind, amount", [("weeks", 1), ("working_days", -1), ("working_days", 1.5), ("working_days", True), ("same_day", 2)]
)
def test_invalid_rules_are_refused(kind, amount):
    with pytest.raises(InvalidRuleError):
        DueRule(kind, amount)


@pytest.mark.parametrize("text", ["9-18", "18:00-09:00", "09:00", "09:00-09:00", "nine-six"])
def test_invalid_business_hours_are_refused(text):
    with pytest.raises(InvalidRuleError, match="business hours"):
        BusinessHours.parse(text)
