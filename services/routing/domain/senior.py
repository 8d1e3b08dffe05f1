"""Repeat claimants go to senior handling (seed 002): a complaint flagged `repeat_claimant`
(the same person's refund or compensation demands at several branches) is handled by the
branch's complaint manager or another senior, chosen by workload. Seed 003 forbids
presuming bad faith: the flag never rejects a complaint and nothing here is shown to the
complainant — it only decides who handles it."""

from contracts.routing import HandlerAssigned
from contracts.tenant import TenantConfig
from services.routing.domain import organisation, recusal
from services.routing.domain.case import RoutingCase
from services.routing.domain.workload import Workload, least_loaded

SENIOR_ROLES = ("complaint_manager", "department_head", "medical_director")


def senior_handling(state: RoutingCase, org: TenantConfig, workload: Workload) -> list[HandlerAssigned]:
    if "repeat_claimant" not in state.flags or state.owner is None:
        return []
    seniors = [s.id for s in organisation.staff_for(org, state.branch or "", SENIOR_ROLES)]
    if state.handler in seniors:
        return []
    handler = least_loaded(recusal.eligible(state, org, seniors), workload)
    if handler is None:
        return []
    return [HandlerAssigned(handler=handler, rule="senior_handling", open_cases=workload.get(handler, 0),
                            reason="repeat claimant (seed 002): handled by a senior; never rejected",
                            config_version=org.version)]
