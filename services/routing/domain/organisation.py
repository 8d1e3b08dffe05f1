"""Looking people and departments up in a tenant's organisation, branch first.

A case belongs to a branch; the people and departments that can take it are those of
that branch, then chain-level ones (no branch) when the branch has none.
"""

from collections.abc import Iterable

from contracts.routing import OwnerRef
from contracts.tenant import Department, DepartmentKind, Role, Staff, TenantConfig
from services.routing.domain.commands import CommandRejected


def actor(org: TenantConfig, staff_id: str) -> Staff:
    member = org.staff_member(staff_id)
    if member is None:
        raise CommandRejected("actor_not_in_tenant", f"{staff_id!r} is not a staff member of {org.tenant_id}")
    return member


def member(org: TenantConfig, staff_id: str) -> Staff:
    found = org.staff_member(staff_id)
    if found is None:
        raise CommandRejected("staff_not_in_tenant", f"{staff_id!r} is not a staff member of {org.tenant_id}")
    return found


def department(org: TenantConfig, department_id: str | None) -> Department | None:
    return next((d for d in org.departments if d.id == department_id), None)


def kind_of(org: TenantConfig, staff: Staff) -> DepartmentKind | None:
    dept = department(org, staff.department)
    return dept.kind if dept else None


def branch_first(items: Iterable, branch: str, branch_of) -> list:
    items = list(items)
    local = [i for i in items if branch_of(i) == branch]
    return local or [i for i in items if branch_of(i) is None]


def departments_of_kind(org: TenantConfig, branch: str, kind: DepartmentKind) -> list[Department]:
    return branch_first((d for d in org.departments if d.kind == kind), branch, lambda d: d.branch)


def department_of_kind(org: TenantConfig, branch: str, kind: DepartmentKind) -> Department | None:
    found = departments_of_kind(org, branch, kind)
    return min(found, key=lambda d: d.id) if found else None


def staff_for(org: TenantConfig, branch: str, roles: tuple[Role, ...] = (),
              department_kind: DepartmentKind | None = None) -> list[Staff]:
    """Staff of the branch (else chain-level) with one of `roles` (any if empty), in a
    department of `department_kind` (any if None)."""
    def fits(s: Staff) -> bool:
        return (not roles or s.role in roles) and (department_kind is None or kind_of(org, s) == department_kind)
    return branch_first((s for s in org.staff if fits(s)), branch, lambda s: s.branch)


def members_of(org: TenantConfig, department_id: str) -> list[Staff]:
    return [s for s in org.staff if s.department == department_id]


def customer_service(org: TenantConfig, branch: str) -> OwnerRef:
    """The branch's customer-service centre; a role address when the tenant has none."""
    dept = org.customer_service_of(branch) or department_of_kind(org, branch, "customer_service_centre")
    return OwnerRef(kind="department", id=dept.id if dept else f"{branch}:customer_service_centre")


def speaks_for(org: TenantConfig, staff_id: str, owner: OwnerRef | None) -> bool:
    """Whether `staff_id` is `owner`, or belongs to the owning department."""
    if owner is None:
        return False
    if owner.kind == "staff":
        return owner.id == staff_id
    person = org.staff_member(staff_id)
    return person is not None and person.department == owner.id
