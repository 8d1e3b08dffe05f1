"""SLA policies: which clocks a case gets, from a cited preset and a tenant's overrides.

Presets live in `services/sla/data/policy_<name>.yaml`, each with its sources and a
version: `seed` (default; seeds 001 and 003), `CN` (医疗机构投诉管理办法 2019), `RU`
(consumer-protection law art. 31), `UK` (NHS complaints regulations 2009, reg. 13). A
tenant picks a preset per branch and may override any figure; the effective policy's
name (`seed@1`, or `seed@1+<digest of the overrides>`) goes into every DeadlineSet.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from contracts.tenant import TenantConfig
from services.sla.domain.due import BusinessHours, DueRule, InvalidRuleError, RuleKind

ClockKind = Literal["acknowledgement", "first_response", "update", "resolution"]
CLOCK_KINDS: tuple[str, ...] = get_args(ClockKind)
Mode = Literal["operational", "statutory"]
PRESETS: tuple[str, ...] = ("seed", "CN", "RU", "UK")
DEFAULT_PRESET = "seed"
FIGURE_FIELDS = ("kind", "amount", "business_hours", "mode", "warn_at", "result_to_complainant")
DEMANDS_BY_FLAG = {"refund_demand": "refund", "compensation_demand": "compensation"}


class PolicyError(ValueError):
    """A preset or an override that cannot be used; the message names what and where."""


class UnknownPresetError(PolicyError):
    def __init__(self, name: object) -> None:
        super().__init__(f"unknown SLA preset {name!r}; expected one of {', '.join(PRESETS)}")


class PolicyOverrideError(PolicyError):
    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"override {path!r}: {problem}")
        self.path = path


class Case(BaseModel):
    """What a policy looks at: level, categories, flags, demands, departments involved."""

    model_config = ConfigDict(frozen=True)

    level: str
    categories: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    demands: tuple[str, ...] = ()
    departments: int = Field(1, ge=1)


class When(BaseModel):
    """All given conditions must hold; within one, any listed value matches."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    levels: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    demands: tuple[str, ...] = ()
    departments_at_least: int | None = Field(None, ge=1)

    def fits(self, case: Case) -> bool:
        return (
            (not self.levels or case.level in self.levels)
            and (not self.categories or bool(set(self.categories) & set(case.categories)))
            and (not self.flags or bool(set(self.flags) & set(case.flags)))
            and (not self.demands or bool(set(self.demands) & set(case.demands)))
            and (self.departments_at_least is None or case.departments >= self.departments_at_least)
        )


class Period(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: RuleKind
    amount: int = 0
    business_hours: str = "09:00-18:00"

    @model_validator(mode="after")
    def applicable(self) -> Period:
        try:
            self.rule()
        except InvalidRuleError as exc:
            raise ValueError(str(exc)) from None
        return self

    def rule(self) -> DueRule:
        return DueRule(kind=self.kind, amount=self.amount, business_hours=BusinessHours.parse(self.business_hours))


class Figure(Period):
    """One row of a clock kind: when it applies, its rule, its mode, its source."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    when: When = When()
    mode: Mode = "operational"
    warn_at: float | None = Field(None, gt=0, lt=1)
    result_to_complainant: bool = False
    source: str = Field(min_length=1)


class Plan(BaseModel):
    """A clock a case gets under a policy."""

    model_config = ConfigDict(frozen=True)

    clock: ClockKind
    figure: Figure
    warn_share: float


class Policy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    preset: str
    version: int = Field(ge=1)
    title: str
    sources: tuple[str, ...] = Field(min_length=1)
    warn_at: float = Field(0.75, gt=0, lt=1)
    pause_report_after: Period
    clocks: dict[ClockKind, tuple[Figure, ...]]
    overrides_digest: str | None = None
    business_hours: str | None = Field(None, description="The branch's opening hours, when its tenant gave them.")

    @property
    def name(self) -> str:
        base = f"{self.preset}@{self.version}"
        return f"{base}+{self.overrides_digest}" if self.overrides_digest else base

    def plans_for(self, case: Case) -> list[Plan]:
        """The clocks of a case, in CLOCK_KINDS order: the first fitting row of each kind."""
        plans = []
        for kind in CLOCK_KINDS:
            figure = next((f for f in self.clocks.get(kind, ()) if f.when.fits(case)), None)
            if figure is not None:
                share = figure.warn_at if figure.warn_at is not None else self.warn_at
                plans.append(Plan(clock=kind, figure=figure, warn_share=share))
        return plans


def case_of(level: str, categories=(), flags=(), departments: int = 1, demands=None) -> Case:
    """A case from a classification; demands default to those its flags name."""
    if demands is None:
        demands = tuple(DEMANDS_BY_FLAG[f] for f in flags if f in DEMANDS_BY_FLAG)
    return Case(level=level, categories=tuple(categories), flags=tuple(flags), demands=tuple(demands),
                departments=departments)


def preset(name: str) -> Policy:
    """A preset as shipped (name case-insensitive)."""
    canonical = next((p for p in PRESETS if isinstance(name, str) and p.lower() == name.strip().lower()), None)
    if canonical is None:
        raise UnknownPresetError(name)
    return _load(canonical)


@cache
def _load(name: str) -> Policy:
    text = resources.files("services.sla.data").joinpath(f"policy_{name.lower()}.yaml").read_text(encoding="utf-8")
    return Policy.model_validate(yaml.safe_load(text))


def default_policy() -> Policy:
    return preset(DEFAULT_PRESET)


def resolve_policy(preset_name: str = DEFAULT_PRESET, overrides: dict[str, Any] | None = None) -> Policy:
    """The preset with a tenant's overrides applied, e.g.
    `{"warn_at": 0.8, "clocks": {"resolution": {"complaint": {"amount": 5}}}}` or the same
    as dotted paths `{"clocks.resolution.complaint.amount": 5}`."""
    base = preset(preset_name)
    flat = _flatten(overrides or {})
    if not flat:
        return base
    data = base.model_dump(mode="json")
    for path, value in flat.items():
        _assign(data, path, value)
    try:
        Policy.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = _path_of(data, error["loc"])
        culprits = [p for p in flat if p == where or p.startswith(where + ".")] or list(flat)
        values = ", ".join(f"{p}={flat[p]!r}" for p in culprits)
        raise PolicyOverrideError(" ".join(culprits), f"{error['msg']} (given {values})") from None
    digest = hashlib.sha256(json.dumps(flat, sort_keys=True, default=str).encode()).hexdigest()[:10]
    return Policy.model_validate({**data, "overrides_digest": digest})


def _path_of(data: dict[str, Any], loc: tuple) -> str:
    """The override path of a validation error's location (row indexes become row ids)."""
    parts = [str(x) for x in loc]
    if len(parts) >= 3 and parts[0] == "clocks" and parts[2].isdigit():
        parts[2] = data["clocks"][parts[1]][int(parts[2])]["id"]
    return ".".join(parts)


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    if not isinstance(tree, dict):
        raise PolicyOverrideError(prefix or "<root>", "overrides must be a mapping")
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        flat.update(_flatten(value, path) if isinstance(value, dict) else {path: value})
    return flat


def _assign(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    if parts == ["warn_at"]:
        data["warn_at"] = value
    elif parts[0] == "pause_report_after" and len(parts) == 2 and parts[1] in ("kind", "amount", "business_hours"):
        data["pause_report_after"][parts[1]] = value
    elif parts[0] == "clocks" and len(parts) == 4:
        _, kind, row_id, field = parts
        if kind not in CLOCK_KINDS:
            raise PolicyOverrideError(path, f"unknown clock {kind!r}; expected one of {', '.join(CLOCK_KINDS)}")
        rows = data["clocks"].get(kind, [])
        row = next((r for r in rows if r["id"] == row_id), None)
        if row is None:
            known = ", ".join(r["id"] for r in rows) or "none"
            raise PolicyOverrideError(path, f"preset {data['preset']} has no {kind} row {row_id!r}; rows: {known}")
        if field not in FIGURE_FIELDS:
            raise PolicyOverrideError(path, f"not an overridable figure; expected one of {', '.join(FIGURE_FIELDS)}")
        row[field] = value
    else:
        raise PolicyOverrideError(
            path, "unknown setting; expected warn_at, pause_report_after.<kind|amount|business_hours> "
                  "or clocks.<clock>.<row id>.<figure>")


def policy_for_branch(org: TenantConfig, branch_id: str) -> Policy:
    """The preset a tenant chose for the branch, with its opening hours and its overrides
    (seed when unknown)."""
    branch = org.branch(branch_id)
    if branch is None:
        return default_policy()
    return _branch_policy(branch.sla_policy.preset, branch.sla_policy.overrides, branch.business_hours)


def _branch_policy(preset_name: str, overrides: dict[str, Any], business_hours: str | None) -> Policy:
    """The branch's hours go to every hour-based row of its preset; its explicit overrides win."""
    hours: dict[str, Any] = {}
    if business_hours is not None:
        base = preset(preset_name)
        hours = {f"clocks.{kind}.{row.id}.business_hours": business_hours
                 for kind, rows in base.clocks.items() for row in rows if row.kind == "working_hours"}
        if base.pause_report_after.kind == "working_hours":
            hours["pause_report_after.business_hours"] = business_hours
    policy = resolve_policy(preset_name, {**hours, **_flatten(overrides or {})})
    return policy.model_copy(update={"business_hours": business_hours}) if business_hours else policy


def check_organisation(org: TenantConfig) -> None:
    """Refuse an organisation whose branches name an unknown preset or a bad override."""
    for i, branch in enumerate(org.branches):
        try:
            if branch.business_hours is not None:
                BusinessHours.parse(branch.business_hours)
        except InvalidRuleError as exc:
            error = ValueError(f"branches/{i}/business_hours: {exc}")
            error.pointer = f"/branches/{i}/business_hours"
            raise error from None
        try:
            _branch_policy(branch.sla_policy.preset, branch.sla_policy.overrides, branch.business_hours)
        except PolicyError as exc:
            error = ValueError(f"branches/{i}/sla_policy: {exc}")
            error.pointer = f"/branches/{i}/sla_policy"
            raise error from None
