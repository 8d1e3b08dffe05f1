"""Each branch follows the deadline preset its tenant chose, with its overrides."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from contracts.tenant import TenantConfig
from services.sla.domain import clocks
from services.sla.domain.policies import check_organisation, policy_for_branch
from tests.unit.builders import classified, received

pytestmark = pytest.mark.unit

DEMO = Path(__file__).resolve().parents[2] / "deploy" / "tenants" / "demo.yaml"


def demo(**branch0) -> TenantConfig:
    raw = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    raw["branches"][0].update(branch0)
    return TenantConfig.model_validate(raw)


def test_each_demo_branch_follows_its_countrys_preset():
    org = demo()
    assert policy_for_branch(org, "shanghai-jingan").name == "CN@1"
    assert policy_for_branch(org, "moscow-arbat").name == "RU@1"
    assert policy_for_branch(org, "london-marylebone").name == "UK@1"
    assert policy_for_branch(org, "beijing-chaoyang").name == "seed@1"


def test_overrides_change_the_figures_and_the_policy_name():
    org = demo(sla_policy={"preset": "seed", "overrides": {"warn_at": 0.9}})
    policy = policy_for_branch(org, "shanghai-jingan")
    assert policy.name.startswith("seed@1+") and policy.warn_at == 0.9


def test_an_unknown_branch_falls_back_to_the_seed_preset():
    assert policy_for_branch(demo(), "nowhere").name == "seed@1"


@pytest.mark.parametrize("choice,fragment", [
    ({"preset": "XX"}, "XX"),
    ({"preset": "seed", "overrides": {"warn_at": 7}}, "warn_at"),
])
def test_an_organisation_with_a_bad_preset_or_override_is_refused_naming_the_branch(choice, fragment):
    with pytest.raises(ValueError, match=fragment) as caught:
        check_organisation(demo(sla_policy=choice))
    assert caught.value.pointer == "/branches/0/sla_policy"


def hour_based_rows(policy) -> dict[str, str]:
    return {f"{kind}.{row.id}": row.business_hours for kind, rows in policy.clocks.items()
            for row in rows if row.kind == "working_hours"}


def test_a_branchs_opening_hours_apply_to_every_hour_based_clock_of_its_preset():
    policy = policy_for_branch(demo(sla_policy={"preset": "seed"}, business_hours="10:00-21:00"), "shanghai-jingan")
    rows = hour_based_rows(policy)
    assert rows and set(rows.values()) == {"10:00-21:00"}
    assert policy.name.startswith("seed@1+")  # the figures changed, so the name says so


def test_without_opening_hours_the_presets_own_hours_stand():
    rows = hour_based_rows(policy_for_branch(demo(sla_policy={"preset": "seed"}), "shanghai-jingan"))
    assert set(rows.values()) == {"09:00-18:00"}


def test_an_override_of_a_rows_own_hours_wins_over_the_branchs():
    org = demo(business_hours="10:00-21:00", sla_policy={
        "preset": "seed", "overrides": {"clocks.acknowledgement.formal.business_hours": "08:00-12:00"}})
    assert hour_based_rows(policy_for_branch(org, "shanghai-jingan"))["acknowledgement.formal"] == "08:00-12:00"


@pytest.mark.parametrize("hours", ["21:00-10:00", "25:00-26:00"])
def test_opening_hours_that_cannot_be_are_refused_with_their_pointer(hours):
    with pytest.raises(ValueError) as refused:
        check_organisation(demo(business_hours=hours))
    assert refused.value.pointer == "/branches/0/business_hours"


def test_a_breach_in_the_branchs_evening_opening_is_told_at_once_not_next_morning():
    cst = timezone(timedelta(hours=8))
    monday = datetime(2026, 11, 23, 10, 15, tzinfo=cst)
    late = policy_for_branch(demo(sla_policy={"preset": "seed"}, business_hours="10:00-21:00"), "shanghai-jingan")
    usual = policy_for_branch(demo(sla_policy={"preset": "seed"}), "shanghai-jingan")
    seven_pm = datetime(2026, 11, 26, 19, 0, tzinfo=cst)

    def notices(policy):
        state = clocks.Clocks()
        for event in clocks.on_classified(state, received(at=monday), classified("complaint"), policy=policy):
            state = clocks.evolve(state, event)
        [breach] = [e for e in clocks.on_tick(state, "first_response", seven_pm) if e.EVENT_TYPE == "DeadlineBreached"]
        return state.get("first_response").deadline.notify_hours, breach.notify_at

    assert notices(late) == ("10:00-21:00", seven_pm)
    assert notices(usual) == (None, datetime(2026, 11, 27, 9, 0, tzinfo=cst))
