"""Rule 7, the escalation ladder (seed 001, 纠纷处理的流程): the consultant who received the
patient → the on-site consultant supervisor → customer service (a written transfer; from
then on the client's revenue goes to customer service, not the original consultant:
后期此顾客所有业绩均归客服) → medical affairs (医务科). The ladder is the tenant's
`escalation_ladder`.

A breached deadline (`DeadlineBreached` from the SLA service), an explicit request from
whoever holds the case, or a transfer nobody accepted moves the case one rung up — past
rungs that have nobody eligible at the case's branch.
"""

from datetime import datetime

from contracts.routing import AttributionTransferred, Escalated, OwnerAssigned, OwnerRef
from contracts.sla import DeadlineBreached
from contracts.tenant import EscalationRung, Staff, TenantConfig
from services.routing.domain import organisation, recusal
from services.routing.domain.case import RoutingCase, breach_key
from services.routing.domain.commands import CommandRejected, Escalate, require_reason
from services.routing.domain.workload import Workload, least_loaded


def _fits(org: TenantConfig, rung: EscalationRung, person: Staff) -> bool:
    """For placing a holder on the ladder: their role, or their department's kind."""
    kind = organisation.kind_of(org, person)
    return person.role in rung.roles or (rung.department_kind is not None and kind == rung.department_kind)


def position(org: TenantConfig, owner: OwnerRef | None) -> int:
    """Index of the highest rung the owner stands on; -1 below the ladder."""
    if owner is None:
        return -1
    ladder = org.escalation_ladder
    if owner.kind == "staff":
        person = org.staff_member(owner.id)
        fits = [i for i, rung in enumerate(ladder) if person is not None and _fits(org, rung, person)]
    else:
        dept = organisation.department(org, owner.id)
        kind = dept.kind if dept else ("customer_service_centre" if owner.id.endswith(":customer_service_centre")
                                       else None)
        fits = [i for i, rung in enumerate(ladder) if kind is not None and rung.department_kind == kind]
    return max(fits, default=-1)


def current_rung(state: RoutingCase, org: TenantConfig) -> int:
    reached = next((i for i, rung in enumerate(org.escalation_ladder) if rung.rung == state.rung), -1)
    return max(reached, position(org, state.owner))


def holder_for(state: RoutingCase, org: TenantConfig, rung: EscalationRung, workload: Workload) -> OwnerRef | None:
    """The owner's own supervisor if they fit the rung, else the least-loaded fit, else the
    rung's department itself."""
    current = state.owner.id if state.owner else None
    pool = [s.id for s in organisation.staff_for(org, state.branch or "", rung.roles, rung.department_kind)
            if s.id != current]
    pool = recusal.eligible(state, org, pool)
    supervisor = org.staff_member(current).supervisor if current and org.staff_member(current) else None
    chosen = supervisor if supervisor in pool else least_loaded(pool, workload)
    if chosen:
        return OwnerRef(kind="staff", id=chosen)
    if rung.department_kind is not None:
        dept = organisation.department_of_kind(org, state.branch or "", rung.department_kind)
        if dept is not None and dept.id != current:
            return OwnerRef(kind="department", id=dept.id)
    return None


def _original_consultant(state: RoutingCase, org: TenantConfig) -> str | None:
    for spell in state.custody:
        person = org.staff_member(spell.owner.id) if spell.owner.kind == "staff" else None
        if person is not None and person.role == "consultant":
            return person.id
    return None


def _credited(org: TenantConfig, target: OwnerRef) -> OwnerRef:
    person = org.staff_member(target.id) if target.kind == "staff" else None
    return OwnerRef(kind="department", id=person.department) if person and person.department else target


def escalate(state: RoutingCase, org: TenantConfig, now: datetime, workload: Workload, *, trigger: str,
             reason: str, by: str | None = None, breach: DeadlineBreached | None = None) -> list | None:
    """The events of one step up the ladder; None when no rung above has anyone."""
    ladder = org.escalation_ladder
    start = current_rung(state, org)
    skipped: list[str] = []
    for rung in ladder[start + 1:]:
        target = holder_for(state, org, rung, workload)
        if target is not None:
            break
        skipped.append(rung.rung)
    else:
        return None
    version = org.version
    events: list = [
        Escalated(from_owner=state.owner, to=target, from_rung=ladder[start].rung if start >= 0 else None,
                  to_rung=rung.rung, skipped_rungs=tuple(skipped), trigger=trigger, reason=reason, by=by,
                  clock=breach.clock if breach else None, due_at=breach.due_at if breach else None,
                  config_version=version),
        OwnerAssigned(owner=target, rule="escalation", reason=f"escalated to {rung.rung}: {reason}", at=now,
                      previous_owner=state.owner, config_version=version),
    ]
    if rung.takes_revenue_attribution and state.revenue_attributed_to is None:
        events.append(AttributionTransferred(
            from_staff=_original_consultant(state, org), to=_credited(org, target), config_version=version,
            reason=f"written transfer to {rung.rung}: the client's future revenue is credited to it"))
    return events


def on_breach(state: RoutingCase, breach: DeadlineBreached, org: TenantConfig, now: datetime,
              workload: Workload) -> list:
    if state.owner is None or breach_key(breach.clock, breach.due_at) in state.escalated_breaches:
        return []
    return escalate(state, org, now, workload, trigger="deadline_breached", breach=breach,
                    reason=f"deadline {breach.clock} breached (due {breach.due_at.isoformat()})") or []


def on_request(state: RoutingCase, cmd: Escalate, org: TenantConfig, now: datetime, workload: Workload) -> list:
    person = organisation.actor(org, cmd.by)
    owner_supervisor = (org.staff_member(state.owner.id).supervisor
                        if state.owner and state.owner.kind == "staff" and org.staff_member(state.owner.id) else None)
    if not (organisation.speaks_for(org, cmd.by, state.owner) or cmd.by in (state.handler, owner_supervisor)):
        raise CommandRejected("not_entitled", f"{person.id} neither holds nor handles this case")
    reason = require_reason(cmd.reason, "an escalation")
    events = escalate(state, org, now, workload, trigger="requested", reason=reason, by=cmd.by)
    if events is None:
        raise CommandRejected("ladder_exhausted", "no rung above the case's current one has anyone eligible")
    return events
