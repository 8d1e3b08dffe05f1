"""Which clock a case gets (the `seed` preset, seed 001): on-site levels are handled the
same working day; a `complaint` within 3 working days; `dispute` and `accident` within 7
working days, with the result told to the complainant."""

from services.sla.domain.due import DueRule

POLICY = "seed@1"

RESOLUTION_BY_LEVEL: dict[str, DueRule] = {
    "feedback": DueRule(kind="same_day", amount=0),
    "suggestion": DueRule(kind="same_day", amount=0),
    "dissatisfaction": DueRule(kind="same_day", amount=0),
    "complaint": DueRule(kind="working_days", amount=3),
    "dispute": DueRule(kind="working_days", amount=7),
    "accident": DueRule(kind="working_days", amount=7),
}


def resolution_rule(level: str) -> DueRule:
    return RESOLUTION_BY_LEVEL[level]


def describe(rule: DueRule) -> str:
    return rule.kind if rule.kind == "same_day" else f"{rule.kind} {rule.amount}"
