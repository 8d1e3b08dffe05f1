"""SLA policy presets, their cited figures, a tenant's overrides, and precise errors."""

from datetime import datetime, timedelta, timezone

import pytest

from services.sla.domain import clocks
from services.sla.domain.policies import (
    PRESETS, PolicyOverrideError, UnknownPresetError, case_of, preset, resolve_policy,
)
from tests.unit.builders import classified, received

pytestmark = pytest.mark.unit

MSK = timezone(timedelta(hours=3))


def plan(policy, clock, level="complaint", **case):
    return next((p for p in policy.plans_for(case_of(level, **case)) if p.clock == clock), None)


def figures(p):
    return (p.figure.kind, p.figure.amount, p.figure.mode)


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_cites_its_sources_and_has_a_version(name):
    policy = preset(name)
    assert policy.version >= 1 and policy.sources and policy.name == f"{name}@{policy.version}"
    for rows in policy.clocks.values():
        assert all(row.source for row in rows)


@pytest.mark.parametrize("level,expected", [
    ("feedback", ("same_day", 0, "operational")),
    ("suggestion", ("same_day", 0, "operational")),
    ("dissatisfaction", ("same_day", 0, "operational")),
    ("complaint", ("working_days", 3, "operational")),
    ("dispute", ("working_days", 7, "operational")),
    ("accident", ("working_days", 7, "operational")),
])
def test_seed_resolves_by_level_as_seed_001_says(level, expected):
    assert figures(plan(preset("seed"), "resolution", level)) == expected


def test_seed_gives_multi_department_matters_seven_working_days_with_the_result_told():
    given = plan(preset("seed"), "resolution", "complaint", departments=2)
    assert figures(given) == ("working_days", 7, "operational") and given.figure.result_to_complainant


def test_seed_keeps_a_formal_complaint_out_of_the_black_box():
    policy = preset("seed")
    assert figures(plan(policy, "acknowledgement")) == ("working_hours", 2, "operational")
    assert figures(plan(policy, "first_response")) == ("working_days", 1, "operational")
    assert figures(plan(policy, "update")) == ("working_days", 2, "operational")
    assert plan(policy, "update", "feedback") is None


def test_cn_corrects_on_the_spot_gives_complex_cases_5_and_multi_department_cases_10_working_days():
    policy = preset("CN")
    assert figures(plan(policy, "resolution", "dissatisfaction")) == ("same_day", 0, "operational")
    assert figures(plan(policy, "resolution", "complaint")) == ("working_days", 5, "statutory")
    assert figures(plan(policy, "resolution", "dispute", departments=3)) == ("working_days", 10, "statutory")


@pytest.mark.parametrize("flags,demands", [(("refund_demand",), None), (("compensation_demand",), None),
                                           ((), ("price_reduction",))])
def test_ru_answers_refund_price_reduction_and_damages_demands_within_10_calendar_days(flags, demands):
    given = plan(preset("RU"), "resolution", "complaint", flags=flags, demands=demands)
    assert figures(given) == ("calendar_days", 10, "statutory")


def test_ru_without_a_money_demand_falls_back_to_the_seed_figures():
    assert figures(plan(preset("RU"), "resolution", "complaint")) == ("working_days", 3, "operational")


def test_uk_acknowledges_within_3_working_days_by_statute():
    assert figures(plan(preset("UK"), "acknowledgement")) == ("working_days", 3, "statutory")


def test_a_ru_refund_demand_ending_on_a_saturday_is_due_at_the_end_of_the_next_working_day():
    wednesday = datetime(2026, 11, 18, 11, 0, tzinfo=MSK)
    events = clocks.on_classified(
        clocks.Clocks(), received(at=wednesday, country="RU", tz="Europe/Moscow", branch="moscow-arbat"),
        classified("complaint").model_copy(update={"flags": ("refund_demand",)}), preset("RU"))
    [resolution] = [e for e in events if e.clock == "resolution"]
    assert resolution.due_at == datetime(2026, 11, 30, 23, 59, 59, tzinfo=MSK)  # day 10 is Saturday 28th
    assert resolution.mode == "statutory" and resolution.policy == "RU@1"


def test_presets_are_named_case_insensitively():
    assert preset("cn").preset == "CN" and preset("Seed").preset == "seed"


def test_an_override_changes_one_figure_and_names_the_policy_after_it():
    policy = resolve_policy("seed", {"clocks": {"resolution": {"complaint": {"amount": 5}}}, "warn_at": 0.8})
    assert figures(plan(policy, "resolution")) == ("working_days", 5, "operational")
    assert plan(policy, "resolution").warn_share == 0.8
    assert policy.name.startswith("seed@1+") and preset("seed").clocks["resolution"][2].amount == 3


def test_dotted_and_nested_overrides_are_the_same_policy():
    nested = resolve_policy("CN", {"clocks": {"update": {"formal": {"amount": 1}}}})
    dotted = resolve_policy("CN", {"clocks.update.formal.amount": 1})
    assert nested == dotted and nested.name != "CN@1"


def test_a_row_may_override_its_own_warning_share_and_mode():
    policy = resolve_policy("UK", {"clocks.acknowledgement.statutory": {"warn_at": 0.5, "mode": "operational"}})
    given = plan(policy, "acknowledgement")
    assert given.warn_share == 0.5 and given.figure.mode == "operational"


def test_no_overrides_is_the_preset():
    assert resolve_policy("RU", {}) == preset("RU")


def test_an_unknown_preset_lists_the_known_ones():
    with pytest.raises(UnknownPresetError, match="unknown SLA preset 'FR'; expected one of seed, CN, RU, UK"):
        resolve_policy("FR", {})


@pytest.mark.parametrize("overrides,message", [
    ({"clocks.resolutoin.complaint.amount": 5}, "unknown clock 'resolutoin'"),
    ({"clocks.resolution.complaints.amount": 5}, "no resolution row 'complaints'; rows: multi_department, incident"),
    ({"clocks.resolution.complaint.colour": "red"}, "not an overridable figure"),
    ({"deadline": 3}, "unknown setting"),
    ({"clocks.resolution.complaint.amount": -1}, "amount must be a whole number >= 0"),
    ({"clocks.resolution.complaint.kind": "weeks"}, "Input should be 'working_days'"),
    ({"clocks.acknowledgement.formal.business_hours": "18:00-09:00"}, "close before they open"),
    ({"warn_at": 1.2}, "less than 1"),
    ({"clocks.resolution.complaint.kind": "same_day"}, "a same_day rule takes no amount"),
])
def test_a_bad_override_is_rejected_naming_its_path(overrides, message):
    [path] = overrides
    with pytest.raises(PolicyOverrideError, match=message) as caught:
        resolve_policy("seed", overrides)
    assert caught.value.path == path


def test_switching_a_row_to_same_day_with_amount_zero_is_accepted():
    policy = resolve_policy("seed", {"clocks.resolution.complaint": {"kind": "same_day", "amount": 0}})
    assert figures(plan(policy, "resolution")) == ("same_day", 0, "operational")
