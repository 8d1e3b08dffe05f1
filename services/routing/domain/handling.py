"""Rules 2–4: who handles a case, by level (seed 001, 整形客诉处理方式; 2019 measures).

2. `feedback`, `suggestion`, `dissatisfaction`: the owner handles it on site (客服专员现场处理);
   nothing else is assigned unless they escalate.
3. `complaint`: the customer-service centre registers it and proposes the handling
   department from the categories and the concerned department (拟定承办科室); a
   supervisor approves or changes it (经分管领导批转).
4. Outside every department's scope, or touching several: the clinic office coordinates
   (移交院办公室，由院办公室协调有关科室).
"""


from contracts.routing import (
    CoordinationRequested, HandlerAssigned, HandlingDepartmentAssigned, HandlingDepartmentProposed,
)
from contracts.tenant import Department, TenantConfig
from services.routing.domain import organisation, recusal
from services.routing.domain.case import RoutingCase
from services.routing.domain.commands import ApproveDepartment, AssignHandler, CommandRejected, require_reason
from services.routing.domain.workload import Workload, least_loaded


def on_site(state: RoutingCase, org: TenantConfig, workload: Workload) -> list:
    owner = state.owner
    if owner is None:
        return []
    if owner.kind == "staff":
        handler, why, load = owner.id, "the owner handles it on site", None
    else:
        pool = recusal.eligible(state, org, [s.id for s in organisation.members_of(org, owner.id)])
        handler = least_loaded(pool, workload)
        if handler is None:
            return []
        why, load = "on site by the owning centre's least-loaded member", workload.get(handler, 0)
    return [HandlerAssigned(handler=handler, rule="on_site", reason=f"{state.level}: {why}", open_cases=load,
                            department=owner.id if owner.kind == "department" else None,
                            config_version=org.version)]


def scope(state: RoutingCase, org: TenantConfig) -> tuple[list[str], list[str]]:
    """The departments the complaint touches, and the categories nobody's scope covers."""
    branch = state.branch or ""
    concerned = organisation.department(org, state.concerned_department)
    touched: list[Department] = [concerned] if concerned else []
    uncovered: list[str] = []
    for category in state.categories:
        if any(category in d.categories for d in touched):
            continue
        covering = organisation.branch_first(
            (d for d in org.departments if category in d.categories), branch, lambda d: d.branch)
        if covering:
            touched.append(min(covering, key=lambda d: d.id))
        else:
            uncovered.append(category)
    return [d.id for d in touched], uncovered


def register(state: RoutingCase, org: TenantConfig) -> list:
    """Rule 3's proposal, or rule 4's coordination when no single department fits."""
    branch = state.branch or ""
    departments, uncovered = scope(state, org)
    if len(departments) == 1 and not uncovered:
        return [HandlingDepartmentProposed(
            department=departments[0], proposed_by=organisation.customer_service(org, branch).id,
            categories=state.categories, config_version=org.version,
            reason=(f"concerned department {state.concerned_department}"
                    if departments[0] == state.concerned_department
                    else f"its scope covers {', '.join(state.categories)}"))]
    office = organisation.department_of_kind(org, branch, "clinic_office")
    coordinator = office.id if office else organisation.customer_service(org, branch).id
    reasons = []
    if len(departments) > 1:
        reasons.append(f"touches several departments: {', '.join(departments)}")
    if uncovered or not departments:
        reasons.append(f"outside every department's scope: {', '.join(uncovered) or 'no category'}")
    return [CoordinationRequested(coordinator=coordinator, departments=tuple(departments),
                                  uncovered_categories=tuple(uncovered), reason="; ".join(reasons),
                                  config_version=org.version)]


def _entitled_approver(state: RoutingCase, org: TenantConfig, staff_id: str) -> None:
    person = organisation.actor(org, staff_id)
    if person.role not in org.approver_roles or person.branch not in (None, state.branch):
        raise CommandRejected("not_entitled", f"{staff_id} ({person.role}) may not approve handling departments "
                                              f"of branch {state.branch}")
    if recusal.is_recused(state, org, staff_id):
        raise CommandRejected("actor_recused", f"{staff_id} is recused from this case")


def by_workload(state: RoutingCase, org: TenantConfig, department: str, workload: Workload) -> list:
    pool = recusal.eligible(state, org, [s.id for s in organisation.members_of(org, department)])
    handler = least_loaded(pool, workload)
    if handler is None:
        return []
    return [HandlerAssigned(handler=handler, rule="workload", department=department,
                            open_cases=workload.get(handler, 0), config_version=org.version,
                            reason=f"least open cases among {len(pool)} eligible in {department}")]


def approve(state: RoutingCase, cmd: ApproveDepartment, org: TenantConfig, workload: Workload) -> list:
    _entitled_approver(state, org, cmd.by)
    if state.proposed_department is None:
        raise CommandRejected("nothing_to_approve", "no handling department is awaiting approval")
    chosen = cmd.department or state.proposed_department
    if organisation.department(org, chosen) is None:
        raise CommandRejected("unknown_department", f"{chosen!r} is not a department of {org.tenant_id}")
    changed = chosen != state.proposed_department
    reason = require_reason(cmd.reason, "changing the proposed department") if changed else (
        cmd.reason.strip() or "approved the proposal")
    return [HandlingDepartmentAssigned(department=chosen, proposed=state.proposed_department if changed else None,
                                       approved_by=cmd.by, reason=reason, config_version=org.version),
            *by_workload(state, org, chosen, workload)]


def assign(state: RoutingCase, cmd: AssignHandler, org: TenantConfig) -> list:
    person = organisation.actor(org, cmd.by)
    head_of_department = person.role == "department_head" and person.department == state.handling_department
    approver = person.role in org.approver_roles and person.branch in (None, state.branch)
    if not (organisation.speaks_for(org, cmd.by, state.owner) or head_of_department or approver):
        raise CommandRejected("not_entitled", f"{cmd.by} neither holds the case nor manages its handling")
    if recusal.is_recused(state, org, cmd.by):
        raise CommandRejected("actor_recused", f"{cmd.by} is recused from this case")
    organisation.member(org, cmd.handler)
    why = recusal.grounds(state, org, cmd.handler)
    if cmd.handler in state.recused or why is not None:
        raise CommandRejected("handler_recused", f"{cmd.handler} may not handle this case"
                                                 + (f": {why.reason}" if why else ""))
    return [HandlerAssigned(handler=cmd.handler, rule="assigned", by=cmd.by, department=state.handling_department,
                            reason=cmd.reason.strip() or f"assigned by {cmd.by}", config_version=org.version)]
