"""Givens for the routing scenarios: the demo chain, messages, and a given/when harness
that runs the real decider (`given` decides and folds each message in turn)."""

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from contracts.intake import BranchRef, ComplaintClassified, ComplaintReceived, ComplaintReclassified
from contracts.sla import DeadlineBreached
from contracts.tenant import TenantConfig
from redress.operations import read_tenant_file
from services.routing.domain.case import RoutingCase
from services.routing.domain.commands import Command, CommandRejected, PowerOfAttorney
from services.routing.domain.decider import decide, fold

pytestmark = pytest.mark.unit

ORG = read_tenant_file(Path(__file__).resolve().parents[2] / "deploy" / "tenants" / "demo.yaml")
NOW = datetime(2026, 11, 23, 2, 15, tzinfo=timezone.utc)
LATER = NOW + timedelta(hours=1)
BRANCHES = {"shanghai-jingan": ("CN", "Asia/Shanghai"), "moscow-arbat": ("RU", "Europe/Moscow"),
            "beijing-chaoyang": ("CN", "Asia/Shanghai"), "novosibirsk-centre": ("RU", "Asia/Novosibirsk")}


def org_with(**changes) -> TenantConfig:
    return TenantConfig.model_validate({**ORG.model_dump(), **changes})


def receipt(by: str | None = "shanghai-jingan-consultant", *, branch: str = "shanghai-jingan",
            channel: str = "walk_in", concerned_staff: tuple[str, ...] = (), concerned_department: str | None = None,
            subject_ref: str | None = "subj-7f3a", representative: bool = False) -> ComplaintReceived:
    country, tz = BRANCHES[branch]
    return ComplaintReceived(
        external_id="crm-1", channel=channel, branch=BranchRef(branch_id=branch, country=country, timezone=tz),
        received_by=by, received_at=NOW, text_sha256="0" * 64, text_length=10, subject_ref=subject_ref,
        concerned_staff=concerned_staff, concerned_department=concerned_department,
        representative_present=representative)


def classified(level: str = "complaint", *categories: str, flags: tuple[str, ...] = ()) -> ComplaintClassified:
    return ComplaintClassified(level=level, categories=categories or ("service_attitude",), flags=flags,
                               language="zh", classifier_version="test")


def reclassified(level: str, previous: str, *categories: str) -> ComplaintReclassified:
    return ComplaintReclassified(level=level, previous_level=previous, reason="new facts",
                                 by="shanghai-jingan-cs-manager", categories=categories or None)


def breached(clock: str = "resolution", due: datetime = NOW) -> DeadlineBreached:
    return DeadlineBreached(clock=clock, due_at=due)


def power_of_attorney(**changes) -> PowerOfAttorney:
    return PowerOfAttorney(**{"agent_kind": "lawyer", "names_agent": True, "matters_include_settlement": True,
                              "states_authority": True, "signed_by_patient": True,
                              "valid_until": date(2027, 6, 30), "document_sha256": "a" * 64, **changes})


def given(*messages, org: TenantConfig = ORG, now: datetime = NOW, workload=None,
          start: RoutingCase | None = None) -> RoutingCase:
    """The case after each message was decided and its events (and itself) recorded."""
    state = start or RoutingCase()
    for message in messages:
        events = decide(state, message, org, now, workload)
        if not isinstance(message, Command):
            state = fold(state, [message])
        state = fold(state, events)
    return state


def when(state: RoutingCase, message, *, org: TenantConfig = ORG, now: datetime = NOW, workload=None) -> list:
    return decide(state, message, org, now, workload)


def rejected(state: RoutingCase, message, *, org: TenantConfig = ORG, now: datetime = NOW) -> str:
    """The code of the refusal; fails if the command was accepted."""
    with pytest.raises(CommandRejected) as refusal:
        decide(state, message, org, now)
    return refusal.value.code


def types(events: list) -> list[str]:
    return [e.EVENT_TYPE for e in events]


def test_the_demo_chain_declares_the_routing_policy_of_seed_001():
    assert [r.rung for r in ORG.escalation_ladder] == [
        "consultant", "consultant_supervisor", "customer_service", "medical_affairs"]
    assert ORG.incident_team.negotiator == "customer_service"
    assert ORG.transfer_acceptance_timeout == timedelta(hours=4)
