"""How a deadline rule is written in events (`DeadlineSet.rule`): `working_days 3`,
`calendar_days 10`, `working_hours 2`, `same_day`. Which rule a case gets is decided by
the policy presets in `policies.py` (the walking skeleton's seed table now lives in
`services/sla/data/policy_seed.yaml`)."""

from services.sla.domain.due import DueRule


def describe(rule: DueRule) -> str:
    return rule.kind if rule.kind == "same_day" else f"{rule.kind} {rule.amount}"
