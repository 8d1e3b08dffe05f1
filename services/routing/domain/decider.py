"""The routing decider: one `decide` for every message routing acts on, and `evolve`.

Events from other services (ComplaintReceived, ComplaintClassified, ComplaintReclassified,
DeadlineBreached) never fail: routing records what follows from them. Commands from staff
raise `CommandRejected` when invalid, and nothing is recorded.

Rule 11: a new level (reclassification) re-evaluates rules 2–5 — the handling track
follows the level; what a track already produced (a team, an approved department) stays.
"""

from collections.abc import Mapping
from datetime import datetime

from contracts.envelope import Envelope
from contracts.events import Event
from contracts.intake import ComplaintClassified, ComplaintReceived, ComplaintReclassified
from contracts.registry import payload_of
from contracts.sla import DeadlineBreached
from contracts.tenant import TenantConfig
from services.routing.domain import escalation, handling, incident, ownership, representation, senior, transfer
from services.routing.domain.case import RoutingCase, Track, evolve, replay
from services.routing.domain.commands import (
    AcceptTransfer, ApproveDepartment, AssignHandler, Command, CommandRejected, Escalate, RejectTransfer,
    RequestTransfer, VerifyRepresentative,
)
from services.routing.domain.workload import Workload

TRACK_OF_LEVEL: dict[str, Track] = {
    "feedback": "on_site", "suggestion": "on_site", "dissatisfaction": "on_site",
    "complaint": "department", "dispute": "incident", "accident": "incident",
}

__all__ = ["decide", "evolve", "fold", "decide_from_stream", "on_transfer_timeout", "RoutingCase"]


def fold(state: RoutingCase, events: list[Event]) -> RoutingCase:
    for event in events:
        state = evolve(state, event)
    return state


def route_by_level(state: RoutingCase, org: TenantConfig, workload: Workload) -> list:
    """Rules 2–5 for the case's level; rule 11 when the level changed."""
    track = TRACK_OF_LEVEL.get(state.level or "")
    if track is None or state.owner is None:
        return []
    if track == "incident":
        return incident.on_incident(state, org, workload)
    if track == state.track:
        return []
    return handling.on_site(state, org, workload) if track == "on_site" else handling.register(state, org)


def _on_event(state: RoutingCase, event: Event, org: TenantConfig, now: datetime, workload: Workload) -> list:
    if isinstance(event, ComplaintReceived):
        events = ownership.on_received(state, event, org, now, workload)
        if not events:
            return []
        after = fold(evolve(state, event), events)
        events += route_by_level(after, org, workload) + representation.block_if_represented(after, org)
        return events + early_breaches(fold(evolve(state, event), events), org, now, workload)
    if isinstance(event, ComplaintClassified | ComplaintReclassified):
        after = evolve(state, event)
        routed = route_by_level(after, org, workload)
        routed += senior.senior_handling(fold(after, routed), org, workload)
        return routed + representation.block_if_represented(fold(after, routed), org)
    if isinstance(event, DeadlineBreached):
        return escalation.on_breach(state, event, org, now, workload)
    return []


def early_breaches(state: RoutingCase, org: TenantConfig, now: datetime, workload: Workload) -> list:
    """Breaches that arrived before the case had an owner (they travel on another topic than
    the receipt) are escalated as soon as it has one, each once."""
    events: list = []
    for breach in state.breaches_seen:
        decided = escalation.on_breach(fold(state, events), breach, org, now, workload)
        events += decided
    return events


def _on_command(state: RoutingCase, cmd: Command, org: TenantConfig, now: datetime, workload: Workload) -> list:
    if not state.received:
        raise CommandRejected("unknown_case", "routing has no record of this complaint")
    match cmd:
        case RequestTransfer():
            return transfer.request(state, cmd, org, now)
        case AcceptTransfer():
            return transfer.accept(state, cmd, org, now)
        case RejectTransfer():
            return transfer.reject(state, cmd, org)
        case Escalate():
            return escalation.on_request(state, cmd, org, now, workload)
        case AssignHandler():
            return handling.assign(state, cmd, org)
        case ApproveDepartment():
            return handling.approve(state, cmd, org, workload)
        case VerifyRepresentative():
            return representation.verify(state, cmd, org, now)
    raise CommandRejected("unknown_command", type(cmd).__name__)


def decide(state: RoutingCase, message: Event | Command, org: TenantConfig, now: datetime,
           workload: Mapping[str, int] | None = None) -> list[Event]:
    """What routing records for `message`, given the case, the tenant's organisation, the
    time, and each staff member's open cases (rule 10; missing ids count as 0)."""
    workload = workload or {}
    if isinstance(message, Command):
        return _on_command(state, message, org, now, workload)
    return _on_event(state, message, org, now, workload)


def on_transfer_timeout(state: RoutingCase, org: TenantConfig, now: datetime,
                        workload: Mapping[str, int] | None = None) -> list[Event]:
    return transfer.on_transfer_timeout(state, org, now, workload or {})


def decide_from_stream(history: list[Envelope], incoming: Envelope, org: TenantConfig, now: datetime,
                       workload: Mapping[str, int] | None = None) -> list[Event]:
    """The shell's entry for a consumed event: `history` is every envelope routing has
    consumed or written for the complaint, in the order it processed them."""
    if any(past.event_id == incoming.event_id for past in history):
        return []
    return decide(replay(history), payload_of(incoming), org, now, workload)
