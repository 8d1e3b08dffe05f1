"""Rule 8, recusal (seed 001: 办理投诉的工作人员与投诉事项或被投诉人有直接利害关系的，应当回避).

Staff named in the complaint, or with a declared conflict of interest (with the patient,
with a staff member named in it, or with the whole branch), never hold or handle it. If
the receiver is implicated, ownership passes at once to their supervisor, else to the
branch's customer service, and `Recused` records why.
"""

from datetime import datetime

from contracts.routing import OwnerAssigned, OwnerRef, Recused
from contracts.tenant import TenantConfig
from services.routing.domain import organisation
from services.routing.domain.case import RoutingCase
from services.routing.domain.workload import Workload, least_loaded


def grounds(state: RoutingCase, org: TenantConfig, staff_id: str) -> Recused | None:
    """Why `staff_id` must stay out of this case, as the event to record; None if free to act."""
    version = org.version
    if staff_id in state.concerned_staff:
        return Recused(staff=staff_id, grounds="named_in_complaint", reason="named in the complaint",
                       config_version=version)
    for c in org.conflicts_of_interest:
        if c.staff != staff_id:
            continue
        if c.patient_ref is not None and c.patient_ref == state.subject_ref:
            return Recused(staff=staff_id, grounds="declared_conflict", conflict_with="patient",
                           reason="declared a conflict of interest with the complainant", config_version=version)
        if c.with_staff is not None and c.with_staff in state.concerned_staff:
            return Recused(staff=staff_id, grounds="declared_conflict", conflict_with="staff",
                           reason=f"declared a conflict of interest with {c.with_staff}, named in the complaint",
                           config_version=version)
        if c.branch is not None and c.branch == state.branch:
            return Recused(staff=staff_id, grounds="declared_conflict", conflict_with="branch",
                           reason=f"declared a conflict of interest with branch {c.branch}", config_version=version)
    return None


def is_recused(state: RoutingCase, org: TenantConfig, staff_id: str) -> bool:
    return staff_id in state.recused or grounds(state, org, staff_id) is not None


def eligible(state: RoutingCase, org: TenantConfig, staff_ids) -> list[str]:
    return [s for s in staff_ids if not is_recused(state, org, s)]


def replacement_owner(state: RoutingCase, org: TenantConfig, staff_id: str, workload: Workload) -> OwnerRef:
    """The implicated person's supervisor if free to act, else a customer-service specialist
    of the branch by workload, else the customer-service centre itself."""
    person = org.staff_member(staff_id)
    if person is not None and person.supervisor and not is_recused(state, org, person.supervisor):
        return OwnerRef(kind="staff", id=person.supervisor)
    centre = organisation.customer_service(org, state.branch or "")
    pool = eligible(state, org, [s.id for s in organisation.members_of(org, centre.id) if s.id != staff_id])
    chosen = least_loaded(pool, workload)
    return OwnerRef(kind="staff", id=chosen) if chosen else centre


def recuse_owner(state: RoutingCase, org: TenantConfig, now: datetime, workload: Workload) -> list:
    """If the current owner is implicated: Recused, then the replacement's OwnerAssigned."""
    owner = state.owner
    if owner is None or owner.kind != "staff":
        return []
    why = grounds(state, org, owner.id)
    if why is None:
        return []
    successor = replacement_owner(state, org, owner.id, workload)
    return [why, OwnerAssigned(owner=successor, rule="recusal", reason=f"{owner.id} recused: {why.reason}",
                               at=now, previous_owner=owner, config_version=org.version)]


def receiver_recused(state: RoutingCase, org: TenantConfig, receiver: str, now: datetime,
                     workload: Workload) -> list:
    """At receipt: an implicated receiver never holds the case, not even for a second."""
    why = grounds(state, org, receiver)
    if why is None:
        return []
    successor = replacement_owner(state, org, receiver, workload)
    return [why, OwnerAssigned(owner=successor, rule="recusal",
                               reason=f"received by {receiver}, who is recused: {why.reason}",
                               at=now, config_version=org.version)]
