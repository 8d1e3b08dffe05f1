"""CN and RU calendars of 2025 and 2026 checked day by day against the official notices.

The lists below are written from the notices themselves, independently of the shipped
data file and of python-holidays:
- CN 2025: 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）
- CN 2026: 国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）
- RU 2025: Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»
- RU 2026: Постановление Правительства РФ «О переносе выходных дней в 2026 году» (24.09.2025),
  with Labour Code art. 112 (a holiday on a weekend moves to the next working day).
"""

import datetime as dt

import holidays
import pytest

from services.sla.domain.calendars import UnknownCountryError, Verification, calendar_for

pytestmark = pytest.mark.unit


def days(first: str, last: str | None = None) -> set[dt.date]:
    start = dt.date.fromisoformat(first)
    end = dt.date.fromisoformat(last or first)
    return {start + dt.timedelta(days=n) for n in range((end - start).days + 1)}


OFFICIAL = {
    ("CN", 2025): dict(
        rest=days("2025-01-01")  # 元旦：1月1日放假1天，不调休
        | days("2025-01-28", "2025-02-04")  # 春节：1月28日至2月4日，共8天
        | days("2025-04-04", "2025-04-06")  # 清明节
        | days("2025-05-01", "2025-05-05")  # 劳动节
        | days("2025-05-31", "2025-06-02")  # 端午节
        | days("2025-10-01", "2025-10-08"),  # 国庆节、中秋节：共8天
        # 1月26日（周日）、2月8日（周六）、4月27日（周日）、9月28日（周日）、10月11日（周六）上班
        work=days("2025-01-26") | days("2025-02-08") | days("2025-04-27") | days("2025-09-28") | days("2025-10-11"),
    ),
    ("CN", 2026): dict(
        rest=days("2026-01-01", "2026-01-03")  # 元旦：1月1日至3日，共3天
        | days("2026-02-15", "2026-02-23")  # 春节：2月15日至23日，共9天
        | days("2026-04-04", "2026-04-06")  # 清明节
        | days("2026-05-01", "2026-05-05")  # 劳动节
        | days("2026-06-19", "2026-06-21")  # 端午节
        | days("2026-09-25", "2026-09-27")  # 中秋节
        | days("2026-10-01", "2026-10-07"),  # 国庆节：共7天
        # 1月4日（周日）、2月14日（周六）、2月28日（周六）、5月9日（周六）、9月20日（周日）、10月10日（周六）上班
        work=days("2026-01-04") | days("2026-02-14") | days("2026-02-28") | days("2026-05-09")
        | days("2026-09-20") | days("2026-10-10"),
    ),
    ("RU", 2025): dict(
        # Jan 1-8; Feb 23 (Sun) -> May 8; Mar 8 (Sat) -> Jun 13; Jan 4 -> May 2; Jan 5 -> Dec 31;
        # Nov 1 (Sat) -> Nov 3 (Mon), so Saturday Nov 1 is worked.
        rest=days("2025-01-01", "2025-01-08") | days("2025-02-23") | days("2025-03-08")
        | days("2025-05-01", "2025-05-02") | days("2025-05-08", "2025-05-09")
        | days("2025-06-12", "2025-06-13") | days("2025-11-03", "2025-11-04") | days("2025-12-31"),
        work=days("2025-11-01"),
    ),
    ("RU", 2026): dict(
        # Jan 1-8; Jan 3 (Sat) -> Jan 9; Jan 4 (Sun) -> Dec 31; Mar 8 (Sun) -> Mar 9 and
        # May 9 (Sat) -> May 11 by art. 112; no Saturday is worked.
        rest=days("2026-01-01", "2026-01-09") | days("2026-02-23") | days("2026-03-08", "2026-03-09")
        | days("2026-05-01") | days("2026-05-09", "2026-05-11") | days("2026-06-12")
        | days("2026-11-04") | days("2026-12-31"),
        work=set(),
    ),
}


def officially_working(country: str, year: int, day: dt.date) -> bool:
    notice = OFFICIAL[(country, year)]
    if day in notice["work"]:
        return True
    return day.weekday() < 5 and day not in notice["rest"]


def every_day_of(year: int) -> list[dt.date]:
    return sorted(days(f"{year}-01-01", f"{year}-12-31"))


@pytest.mark.parametrize("country, year", sorted(OFFICIAL))
def test_classifies_every_day_of_the_year_as_the_official_notice_does(country, year):
    calendar = calendar_for(country)

    wrong = [d for d in every_day_of(year) if calendar.is_working_day(d) != officially_working(country, year, d)]

    assert wrong == []


@pytest.mark.parametrize("country, year", sorted(OFFICIAL))
def test_pinned_holiday_library_agrees_with_the_official_notice(country, year):
    library = holidays.country_holidays(country, years=year)

    wrong = [d for d in every_day_of(year) if library.is_working_day(d) != officially_working(country, year, d)]

    assert holidays.__version__ == "0.109"
    assert wrong == []


@pytest.mark.parametrize(
    "country, year, working_days",
    # RU: 247 working days and 118 days off, as the Government announced for both years.
    # CN: 261 weekdays - 18 (2025) / 19 (2026) weekday holidays + 5 / 6 make-up days.
    [("RU", 2025, 247), ("RU", 2026, 247), ("CN", 2025, 248), ("CN", 2026, 248)],
)
def test_counts_the_published_number_of_working_days(country, year, working_days):
    calendar = calendar_for(country)

    assert sum(calendar.is_working_day(d) for d in every_day_of(year)) == working_days


@pytest.mark.parametrize("country, year", sorted(OFFICIAL))
def test_years_transcribed_from_a_notice_are_verified_and_cite_it(country, year):
    calendar = calendar_for(country)

    assert calendar.verification(year) is Verification.VERIFIED
    assert calendar.is_verified(year)
    assert calendar.official_years[year].source
    assert calendar.official_years[year].url.startswith("https://")


@pytest.mark.parametrize("country, year", [("CN", 2027), ("CN", 2024), ("RU", 2027), ("BY", 2026)])
def test_a_year_without_a_transcribed_notice_is_unverified(country, year):
    assert calendar_for(country).verification(year) is Verification.UNVERIFIED


def test_unverified_year_falls_back_to_the_library_public_holidays():
    calendar = calendar_for("CN")

    assert not calendar.is_working_day(dt.date(2027, 10, 1))  # National Day
    assert calendar.is_working_day(dt.date(2027, 10, 8))


def test_countries_without_yearly_transfers_are_rule_based_with_public_holidays_and_weekends():
    calendar = calendar_for("GB")

    assert calendar.verification(2026) is Verification.RULE_BASED
    assert not calendar.is_working_day(dt.date(2026, 12, 25))  # Christmas Day, Friday
    assert not calendar.is_working_day(dt.date(2026, 12, 26))  # Saturday
    assert calendar.is_working_day(dt.date(2026, 12, 24))


def test_weekend_follows_the_country():
    calendar = calendar_for("AE")

    assert calendar.weekend == frozenset({5, 6})


def test_country_code_is_case_insensitive():
    assert calendar_for("cn") is calendar_for("CN")


def test_next_working_day_skips_a_holiday_stretch_and_lands_on_a_make_up_day():
    calendar = calendar_for("CN")

    assert calendar.next_working_day(dt.date(2025, 9, 30)) == dt.date(2025, 10, 9)
    assert calendar.next_working_day(dt.date(2025, 10, 10)) == dt.date(2025, 10, 11)


@pytest.mark.parametrize("code", ["XX", "ZZ", "", "CHN", "1A", None])
def test_unknown_country_is_a_specific_error(code):
    with pytest.raises(UnknownCountryError, match="unknown country"):
        calendar_for(code)
