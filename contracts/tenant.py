"""A clinic chain's description of itself: branches, departments and staff.

One versioned YAML file per tenant (example: deploy/tenants/demo.yaml), validated whole
before anything changes. Staff ids and department ids are what events refer to.
"""

from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Identifier = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$")

DepartmentKind = Literal[
    "clinical", "customer_service_centre", "clinic_office", "medical_affairs", "operations", "legal"
]
Role = Literal[
    "consultant", "consultant_supervisor", "customer_service_specialist", "complaint_manager",
    "department_head", "senior_doctor", "doctor", "head_nurse", "nurse", "operations_lead",
    "medical_director", "legal_counsel", "front_desk",
]


class Branch(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Identifier
    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    timezone: str

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


class TenantConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    tenant_id: str = Identifier
    name: str
    version: int = Field(ge=1)
    branches: tuple[Branch, ...] = Field(min_length=1)
    departments: tuple[Department, ...] = ()
    staff: tuple[Staff, ...] = ()

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
