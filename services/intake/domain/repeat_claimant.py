"""Seed 002's repeat claimant: for a year and a half one client bought manicures at salon
after salon and came back with a demand for a refund plus compensation — and every salon
paid. Across a chain's branches the pattern is visible.

Rule: a complaint that itself demands a refund or compensation gets the flag
`repeat_claimant` when, counting it, the same pseudonymous subject made at least
`min_demands` such demands at `min_branches` or more branches within the `window_months`
before it (defaults 3, 2, 18). The flag sends the case to senior handling; it never rejects
a complaint and is never shown to the complainant (seed 003: never presume bad faith).
"""

from dataclasses import dataclass
from datetime import datetime

from contracts.intake import RepeatClaimantPolicy

MONEY_KINDS = frozenset({"refund", "compensation"})
FLAG = "repeat_claimant"


@dataclass(frozen=True)
class PriorDemand:
    """One earlier complaint of the subject that demanded money (from intake's own table)."""

    branch_id: str
    received_at: datetime
    kinds: frozenset[str]


@dataclass(frozen=True)
class Finding:
    demands: int
    branches: int
    window_months: int

    def evidence(self) -> str:
        return f"{self.demands} refund/compensation demands at {self.branches} branches within {self.window_months} months"


def months_before(moment: datetime, months: int) -> datetime:
    """The same wall-clock instant `months` calendar months earlier (day clipped to the month's end)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    days_in = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31, 30,
               31, 31, 30, 31, 30, 31][month - 1]
    return moment.replace(year=year, month=month, day=min(moment.day, days_in))


def repeat_claimant(current: PriorDemand, prior: list[PriorDemand], policy: RepeatClaimantPolicy) -> Finding | None:
    """The finding when the current complaint completes the pattern, else None."""
    if not current.kinds & MONEY_KINDS:
        return None
    since = months_before(current.received_at, policy.window_months)
    window = [d for d in prior if d.kinds & MONEY_KINDS and since <= d.received_at <= current.received_at]
    demands = len(window) + 1
    branches = len({d.branch_id for d in window} | {current.branch_id})
    if demands >= policy.min_demands and branches >= policy.min_branches:
        return Finding(demands=demands, branches=branches, window_months=policy.window_months)
    return None
