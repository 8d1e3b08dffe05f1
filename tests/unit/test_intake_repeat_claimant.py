"""Seed 002's repeat claimant, given/when/then: refund or compensation demands by one
pseudonymous subject at several branches within the window."""

from datetime import datetime, timezone

import pytest

from contracts.intake import RepeatClaimantPolicy
from services.intake.domain.repeat_claimant import PriorDemand, months_before, repeat_claimant

pytestmark = pytest.mark.unit

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
DEFAULT = RepeatClaimantPolicy()


def demand(branch: str, at: datetime, *kinds: str) -> PriorDemand:
    return PriorDemand(branch, at, frozenset(kinds or ("refund",)))


def test_the_third_money_demand_at_a_second_branch_is_flagged():
    prior = [demand("a", datetime(2026, 1, 5, tzinfo=timezone.utc)), demand("b", datetime(2026, 6, 1, tzinfo=timezone.utc))]
    finding = repeat_claimant(demand("a", NOW, "compensation"), prior, DEFAULT)
    assert finding is not None and (finding.demands, finding.branches) == (3, 2)
    assert "3 refund/compensation demands at 2 branches" in finding.evidence()


def test_many_demands_at_one_branch_are_not_the_pattern():
    prior = [demand("a", datetime(2026, m, 1, tzinfo=timezone.utc)) for m in (2, 4, 6, 8)]
    assert repeat_claimant(demand("a", NOW), prior, DEFAULT) is None


def test_demands_older_than_the_window_do_not_count():
    old = [demand("b", datetime(2025, 5, 22, tzinfo=timezone.utc)), demand("c", datetime(2025, 4, 1, tzinfo=timezone.utc))]
    assert repeat_claimant(demand("a", NOW), old, DEFAULT) is None
    inside = [demand("b", datetime(2025, 5, 23, 10, 0, tzinfo=timezone.utc)), demand("c", datetime(2026, 1, 1, tzinfo=timezone.utc))]
    assert repeat_claimant(demand("a", NOW), inside, DEFAULT) is not None


def test_a_complaint_without_a_money_demand_is_never_flagged():
    prior = [demand("b", datetime(2026, 3, 1, tzinfo=timezone.utc)), demand("c", datetime(2026, 4, 1, tzinfo=timezone.utc))]
    assert repeat_claimant(demand("a", NOW, "apology"), prior, DEFAULT) is None


def test_prior_complaints_without_money_demands_do_not_count():
    prior = [demand("b", datetime(2026, 3, 1, tzinfo=timezone.utc), "apology"),
             demand("c", datetime(2026, 4, 1, tzinfo=timezone.utc), "explanation", "redo")]
    assert repeat_claimant(demand("a", NOW), prior, DEFAULT) is None


def test_a_tenant_can_tighten_the_policy():
    strict = RepeatClaimantPolicy(min_demands=2, min_branches=2, window_months=6)
    assert repeat_claimant(demand("a", NOW), [demand("b", datetime(2026, 8, 1, tzinfo=timezone.utc))], strict)
    assert repeat_claimant(demand("a", NOW), [demand("b", datetime(2026, 4, 1, tzinfo=timezone.utc))], strict) is None


@pytest.mark.parametrize("moment,months,expected", [
    (datetime(2026, 11, 23, tzinfo=timezone.utc), 18, datetime(2025, 5, 23, tzinfo=timezone.utc)),
    (datetime(2026, 8, 31, tzinfo=timezone.utc), 6, datetime(2026, 2, 28, tzinfo=timezone.utc)),
    (datetime(2024, 8, 31, tzinfo=timezone.utc), 6, datetime(2024, 2, 29, tzinfo=timezone.utc)),
    (datetime(2026, 1, 15, tzinfo=timezone.utc), 1, datetime(2025, 12, 15, tzinfo=timezone.utc)),
])
def test_the_window_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected
