"""A clinic chain's description of itself: branches, departments and staff, and the
routing policy of seed 001 — the escalation ladder, the incident-team composition,
conflict-of-interest declarations and the written-transfer acceptance time.

One versioned YAML file per tenant (example: deploy/tenants/demo.yaml, format documented
in docs/tenant-file.md), validated whole before anything changes. Staff ids and
department ids are what events refer to; every routing decision records `version`.
"""

from datetime import timedelta
from typing import Any, Literal
from uuid import NAMESPACE_URL, UUID, uuid5
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from contracts.intake import RepeatClaimantPolicy

Identifier = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$")

DepartmentKind = Literal[
    "clinical", "customer_service_centre", "clinic_office", "medical_affairs", "operations", "legal"
]
Role = Literal[
    "consultant", "consultant_supervisor", "customer_service_specialist", "complaint_manager",
    "department_head", "senior_doctor", "doctor", "head_nurse", "nurse", "operations_lead",
    "medical_director", "legal_counsel", "front_desk",
]


class SlaPolicyChoice(BaseModel):
    """Which deadline preset a branch follows (seed, CN, RU, UK) and the figures it changes,
    e.g. {"clocks.resolution.complaint.amount": 5}; checked by the SLA service on apply."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    preset: str = "seed"
    overrides: dict[str, Any] = Field(default_factory=dict)


class Branch(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Identifier
    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    timezone: str
    sla_policy: SlaPolicyChoice = Field(default_factory=SlaPolicyChoice)
    business_hours: str | None = Field(
        None, pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$",
        description="The branch's opening hours on working days, e.g. 10:00-21:00: hour-based clocks count "
                    "them instead of their preset's (an override of a clock row's own hours still wins).")

    @field_validator("timezone")
    @classmethod
    def known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA time zone {value!r}") from None
        return value


class Department(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Identifier
    name: str
    kind: DepartmentKind
    branch: str | None = Field(None, description="None for chain-level departments.")
    categories: tuple[str, ...] = ()


class Staff(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Identifier
    name: str
    role: Role
    branch: str | None = None
    department: str | None = None
    supervisor: str | None = None


class EscalationRung(BaseModel):
    """One rung of the escalation ladder: who may hold a case escalated to it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rung: str = Identifier
    roles: tuple[Role, ...] = Field((), description="Roles that hold this rung; empty: anyone in the department.")
    department_kind: DepartmentKind | None = Field(None, description="Holders must belong to such a department.")
    takes_revenue_attribution: bool = Field(
        False, description="Stepping onto this rung credits the client's future revenue to it (seed 001).")

    @model_validator(mode="after")
    def names_someone(self) -> "EscalationRung":
        if not self.roles and self.department_kind is None:
            raise ValueError(f"rung {self.rung!r}: give roles, a department_kind, or both")
        return self


DEFAULT_LADDER = (
    EscalationRung(rung="consultant", roles=("consultant",)),
    EscalationRung(rung="consultant_supervisor", roles=("consultant_supervisor",)),
    EscalationRung(rung="customer_service", roles=("complaint_manager", "customer_service_specialist"),
                   department_kind="customer_service_centre", takes_revenue_attribution=True),
    EscalationRung(rung="medical_affairs", department_kind="medical_affairs"),
)


class TeamSeat(BaseModel):
    """One seat of the incident team formed for a dispute or an accident."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seat: str = Identifier
    roles: tuple[Role, ...] = ()
    case_owner: bool = Field(False, description="The seat is the complaint's current owner.")
    clinical_only: bool = Field(False, description="Only when the complaint touches clinical matters.")

    @model_validator(mode="after")
    def filled_somehow(self) -> "TeamSeat":
        if not self.roles and not self.case_owner:
            raise ValueError(f"seat {self.seat!r}: give roles or case_owner: true")
        return self


class IncidentTeamPolicy(BaseModel):
    """Seeds 000 and 001: owner, operations, customer service, the consultant, and for
    clinical matters a senior doctor and the head nurse; one of them negotiates."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seats: tuple[TeamSeat, ...] = (
        TeamSeat(seat="owner", case_owner=True),
        TeamSeat(seat="operations", roles=("operations_lead",)),
        TeamSeat(seat="customer_service", roles=("complaint_manager", "customer_service_specialist")),
        TeamSeat(seat="consultant", roles=("consultant",)),
        TeamSeat(seat="senior_doctor", roles=("senior_doctor",), clinical_only=True),
        TeamSeat(seat="head_nurse", roles=("head_nurse",), clinical_only=True),
    )
    negotiator: str = "customer_service"
    clinical_categories: tuple[str, ...] = (
        "clinical_harm", "treatment_outcome", "informed_consent", "device_material", "staff_qualification",
    )

    @model_validator(mode="after")
    def negotiator_has_a_seat(self) -> "IncidentTeamPolicy":
        seats = _unique("incident_team.seats", [s.seat for s in self.seats])
        if self.negotiator not in seats:
            raise ValueError(f"incident_team.negotiator: no seat named {self.negotiator!r}")
        return self


class ConflictOfInterest(BaseModel):
    """A declared conflict: `staff` never holds or handles cases touching what they conflict with."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    staff: str
    patient_ref: str | None = Field(None, description="Complainant pseudonym (ComplaintReceived.subject_ref).")
    with_staff: str | None = Field(None, description="A staff member: cases naming them.")
    branch: str | None = Field(None, description="A branch: every case of that branch.")
    note: str | None = Field(None, max_length=200)

    @model_validator(mode="after")
    def exactly_one_subject(self) -> "ConflictOfInterest":
        if sum(x is not None for x in (self.patient_ref, self.with_staff, self.branch)) != 1:
            raise ValueError(f"conflict of {self.staff!r}: give exactly one of patient_ref, with_staff, branch")
        return self


class TenantConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    tenant_id: str = Identifier
    name: str
    version: int = Field(ge=1)
    branches: tuple[Branch, ...] = Field(min_length=1)
    departments: tuple[Department, ...] = ()
    staff: tuple[Staff, ...] = ()
    escalation_ladder: tuple[EscalationRung, ...] = Field(DEFAULT_LADDER, min_length=1)
    incident_team: IncidentTeamPolicy = Field(default_factory=lambda: IncidentTeamPolicy())
    conflicts_of_interest: tuple[ConflictOfInterest, ...] = ()
    repeat_claimant: RepeatClaimantPolicy = Field(default_factory=RepeatClaimantPolicy)
    transfer_acceptance_timeout: timedelta = Field(
        timedelta(hours=4), description="A written transfer nobody accepts within this time escalates.")
    approver_roles: tuple[Role, ...] = Field(
        ("complaint_manager", "department_head", "medical_director"),
        description="Who may approve or change the proposed handling department.")
    representative_verifier_roles: tuple[Role, ...] = Field(
        ("legal_counsel", "complaint_manager"), description="Who may record a power of attorney as verified.")

    @model_validator(mode="after")
    def references_resolve(self) -> "TenantConfig":
        branch_ids = _unique("branches", [b.id for b in self.branches])
        dept_ids = _unique("departments", [d.id for d in self.departments])
        staff_ids = _unique("staff", [s.id for s in self.staff])
        for i, d in enumerate(self.departments):
            if d.branch is not None and d.branch not in branch_ids:
                raise ValueError(f"departments[{i}].branch: unknown branch {d.branch!r}")
        for i, s in enumerate(self.staff):
            if s.branch is not None and s.branch not in branch_ids:
                raise ValueError(f"staff[{i}].branch: unknown branch {s.branch!r}")
            if s.department is not None and s.department not in dept_ids:
                raise ValueError(f"staff[{i}].department: unknown department {s.department!r}")
            if s.supervisor is not None and s.supervisor not in staff_ids:
                raise ValueError(f"staff[{i}].supervisor: unknown staff member {s.supervisor!r}")
        _unique("escalation_ladder", [r.rung for r in self.escalation_ladder])
        for i, c in enumerate(self.conflicts_of_interest):
            if c.staff not in staff_ids:
                raise ValueError(f"conflicts_of_interest[{i}].staff: unknown staff member {c.staff!r}")
            if c.with_staff is not None and c.with_staff not in staff_ids:
                raise ValueError(f"conflicts_of_interest[{i}].with_staff: unknown staff member {c.with_staff!r}")
            if c.branch is not None and c.branch not in branch_ids:
                raise ValueError(f"conflicts_of_interest[{i}].branch: unknown branch {c.branch!r}")
        if self.transfer_acceptance_timeout <= timedelta(0):
            raise ValueError("transfer_acceptance_timeout: must be positive")
        return self

    def branch(self, branch_id: str) -> Branch | None:
        return next((b for b in self.branches if b.id == branch_id), None)

    def staff_member(self, staff_id: str) -> Staff | None:
        return next((s for s in self.staff if s.id == staff_id), None)

    def customer_service_of(self, branch_id: str) -> Department | None:
        return next(
            (d for d in self.departments if d.kind == "customer_service_centre" and d.branch == branch_id), None
        )


def _unique(what: str, ids: list[str]) -> set[str]:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"{what}: duplicate id {i!r}")
        seen.add(i)
    return seen


def organisation_stream(tenant_id: str) -> UUID:
    """The stream id under which a tenant's organisation changes are recorded."""
    return uuid5(NAMESPACE_URL, f"redress:organisation:{tenant_id}")
