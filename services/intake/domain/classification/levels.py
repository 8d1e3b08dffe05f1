"""The level ladder of seed 001, decided by the gold-label rules of the classification data.

1. The most severe element claimed wins; tone never decides.
2. Claimed harm (not accepted as normal) makes it at least `dispute`.
3. `accident` needs an alleged procedural violation *and* serious or lasting harm.
4. Any demand, a regulator/legal/media threat, or a formal complaint makes it `complaint`.
5. A concrete proposal from a writer without a grievance is a `suggestion`; a grievance
   about a person's or department's service is `dissatisfaction`; a plain remark, or anger
   aimed only at the premises (a loud TV, an empty water cooler), is `feedback`.
6. An unqualified or unsupervised operator or unsterile instruments count as the
   procedural violation of rule 3 (decided by the caller from the category evidence).
"""

from dataclasses import dataclass

_PERSONAL = frozenset({"service_attitude", "wait_time", "treatment_outcome", "staff_qualification",
                       "privacy", "advertising", "informed_consent", "device_material"})
_PLACE = frozenset({"environment"})
_THREATS = frozenset({"regulator_threat", "legal_action", "media_threat", "refund_demand",
                      "compensation_demand"})


@dataclass(frozen=True)
class Evidence:
    harm: bool
    serious: bool
    violation: bool
    demand: bool
    formal: bool
    proposal: bool
    grievance: bool
    no_grievance: bool
    praise: bool
    flags: frozenset[str]
    categories: frozenset[str]


def decide_level(e: Evidence) -> tuple[str, str]:
    """Return the level and the name of the rule that decided it."""
    if e.serious and e.violation:
        return "accident", "violation_with_serious_harm"
    if e.harm or e.serious:
        return "dispute", "claimed_harm"
    if e.flags & _THREATS:
        return "complaint", "threat_or_money_demand"
    if e.demand or e.formal:
        return "complaint", "demand_or_formal_complaint"
    if e.proposal and (not e.grievance or e.praise):
        return "suggestion", "proposal"
    if e.grievance and not e.no_grievance and not (e.categories and e.categories <= _PLACE):
        return "dissatisfaction", "grievance"
    if e.categories & _PERSONAL and not e.no_grievance:
        return "dissatisfaction", "service_issue"
    if e.proposal:
        return "suggestion", "proposal"
    return "feedback", "remark"
