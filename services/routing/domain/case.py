"""What routing knows of one complaint, and how each event changes it (evolve).

Seed 001 holds departments accountable for shirking and stalling, so the state keeps the
custody history: who held the case, from when to when, and why it moved on.
"""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from contracts import routing as r
from contracts.envelope import Envelope
from contracts.events import Event
from contracts.intake import ComplaintClassified, ComplaintReceived, ComplaintReclassified
from contracts.registry import UnknownEventType, payload_of
from contracts.routing import OwnerRef, TeamMember
from contracts.sla import DeadlineBreached

Track = Literal["on_site", "department", "incident"]


class CustodySpell(BaseModel):
    model_config = ConfigDict(frozen=True)

    owner: OwnerRef
    since: datetime | None
    until: datetime | None = None
    rule: str
    reason: str
    moved_because: str | None = None


class PendingTransfer(BaseModel):
    model_config = ConfigDict(frozen=True)

    from_owner: OwnerRef
    to: OwnerRef
    reason: str
    by: str
    requested_at: datetime
    expires_at: datetime


class RoutingCase(BaseModel):
    model_config = ConfigDict(frozen=True)

    received: bool = False
    branch: str | None = None
    channel: str | None = None
    received_by: str | None = None
    subject_ref: str | None = None
    concerned_staff: tuple[str, ...] = ()
    concerned_department: str | None = None
    representative_present: bool = False
    level: str | None = None
    categories: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    owner: OwnerRef | None = None
    custody: tuple[CustodySpell, ...] = ()
    track: Track | None = None
    handler: str | None = None
    proposed_department: str | None = None
    handling_department: str | None = None
    coordinated_departments: tuple[str, ...] = ()
    team: tuple[TeamMember, ...] = ()
    negotiator: str | None = None
    chain_notified: bool = False
    pending_transfer: PendingTransfer | None = None
    rung: str | None = None
    escalated_breaches: tuple[str, ...] = ()
    # Breaches routing has seen, escalated or not: one may arrive before the receipt (another
    # topic), and is escalated once the case has an owner.
    breaches_seen: tuple[DeadlineBreached, ...] = ()
    revenue_attributed_to: OwnerRef | None = None
    recused: tuple[str, ...] = ()
    settlement_blocked: bool = False
    representative_verified: bool = False
    config_version: int | None = None

    @property
    def represented(self) -> bool:
        return self.representative_present or "representative" in self.flags


def breach_key(clock: str, due_at: datetime | None) -> str:
    return f"{clock}@{due_at.isoformat() if due_at else '-'}"


def _assigned(state: RoutingCase, e: r.OwnerAssigned) -> dict:
    custody = list(state.custody)
    if custody:
        custody[-1] = custody[-1].model_copy(update={"until": e.at, "moved_because": f"{e.rule}: {e.reason}"})
    custody.append(CustodySpell(owner=e.owner, since=e.at, rule=e.rule, reason=e.reason))
    return {"owner": e.owner, "custody": tuple(custody)}


def _changes(state: RoutingCase, e: Event) -> dict:
    match e:
        case ComplaintReceived():
            return {"received": True, "branch": e.branch.branch_id, "channel": e.channel,
                    "received_by": e.received_by, "subject_ref": e.subject_ref,
                    "concerned_staff": tuple(e.concerned_staff), "concerned_department": e.concerned_department,
                    "representative_present": e.representative_present}
        case ComplaintClassified():
            return {"level": e.level, "categories": tuple(e.categories), "flags": tuple(e.flags)}
        case DeadlineBreached():
            return {"breaches_seen": state.breaches_seen + (e,)}
        case ComplaintReclassified():
            return {"level": e.level,
                    **({"categories": tuple(e.categories)} if e.categories is not None else {}),
                    **({"flags": tuple(e.flags)} if e.flags is not None else {})}
        case r.OwnerAssigned():
            return _assigned(state, e)
        case r.HandlerAssigned():
            track = "on_site" if e.rule == "on_site" else state.track
            return {"handler": e.handler, "track": track}
        case r.HandlingDepartmentProposed():
            return {"track": "department", "proposed_department": e.department}
        case r.HandlingDepartmentAssigned():
            return {"track": "department", "handling_department": e.department, "proposed_department": None}
        case r.CoordinationRequested():
            return {"track": "department", "handling_department": e.coordinator, "proposed_department": None,
                    "coordinated_departments": tuple(e.departments)}
        case r.IncidentTeamFormed():
            return {"track": "incident", "team": tuple(e.members), "negotiator": e.negotiator}
        case r.ChainNotified():
            return {"chain_notified": True}
        case r.TransferRequested():
            return {"pending_transfer": PendingTransfer(
                from_owner=e.from_owner, to=e.to, reason=e.reason, by=e.by,
                requested_at=e.requested_at, expires_at=e.expires_at)}
        case r.TransferAccepted() | r.TransferRejected() | r.TransferExpired():
            return {"pending_transfer": None}
        case r.Escalated():
            breaches = state.escalated_breaches + ((breach_key(e.clock, e.due_at),) if e.clock else ())
            return {"rung": e.to_rung, "pending_transfer": None, "escalated_breaches": breaches}
        case r.AttributionTransferred():
            return {"revenue_attributed_to": e.to}
        case r.Recused():
            return {"recused": tuple(sorted({*state.recused, e.staff}))}
        case r.SettlementBlocked():
            return {"settlement_blocked": True}
        case r.RepresentativeVerified():
            return {"settlement_blocked": False, "representative_verified": True}
    return {}


def evolve(state: RoutingCase, event: Event) -> RoutingCase:
    changes = _changes(state, event)
    version = getattr(event, "config_version", None)
    if version is not None and event.SOURCE == "routing":
        changes["config_version"] = version
    return state.model_copy(update=changes) if changes else state


def replay(history: list[Envelope]) -> RoutingCase:
    """Fold a complaint's stream (every source) into routing's state. OwnerAssigned events
    written before they carried `at` take the envelope's time."""
    state = RoutingCase()
    for envelope in history:
        try:
            event = payload_of(envelope)
        except UnknownEventType:
            continue
        if isinstance(event, r.OwnerAssigned) and event.at is None:
            event = event.model_copy(update={"at": envelope.occurred_at})
        state = evolve(state, event)
    return state
