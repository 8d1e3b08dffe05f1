"""Rule 1, first-contact responsibility (seed 001, 首接负责制 — 谁接待谁负责): whoever
receives a complaint owns it from the first second, in whatever form it arrived. When
nobody received it in person (an integration, a review site), the branch's
customer-service centre owns it. An implicated receiver passes it on at once (rule 8).
"""

from datetime import datetime

from contracts.intake import ComplaintReceived
from contracts.routing import OwnerAssigned, OwnerRef
from contracts.tenant import TenantConfig
from services.routing.domain import organisation, recusal
from services.routing.domain.case import RoutingCase, evolve
from services.routing.domain.workload import Workload


def first_owner(state: RoutingCase, received: ComplaintReceived, org: TenantConfig, now: datetime,
                workload: Workload) -> list:
    """`state` already knows the receipt (evolved with `received`)."""
    branch = received.branch.branch_id
    receiver = received.received_by
    if receiver and org.staff_member(receiver) is not None:
        recused = recusal.receiver_recused(state, org, receiver, now, workload)
        if recused:
            return recused
        return [OwnerAssigned(owner=OwnerRef(kind="staff", id=receiver), rule="first_contact",
                              reason="received the complaint", at=now, config_version=org.version)]
    rule, reason = (
        ("first_contact_unknown_receiver", f"received by {receiver!r}, unknown to the tenant; "
                                           "the branch's customer-service centre owns it")
        if receiver else
        ("first_contact_no_receiver", "arrived without a receiver; the branch's customer-service centre owns it")
    )
    return [OwnerAssigned(owner=organisation.customer_service(org, branch), rule=rule, reason=reason, at=now,
                          config_version=org.version)]


def on_received(state: RoutingCase, received: ComplaintReceived, org: TenantConfig, now: datetime,
                workload: Workload) -> list:
    if state.owner is not None:
        return []
    return first_owner(evolve(state, received), received, org, now, workload)
