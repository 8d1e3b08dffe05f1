"""Events written by the routing service on `redress.routing.v1`.

Seed 001's first-contact responsibility: who holds each complaint, who handles it, and
every move between them. Every decision records the tenant configuration version it used
(`config_version`); a change of owner is always an `OwnerAssigned`, so the custody
history is the sequence of those, each preceded by the event that explains the move
(`TransferAccepted`, `Escalated`, `Recused`).
"""

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from contracts.events import Event


class OwnerRef(BaseModel):
    """Who holds the case: a staff member, or a department when nobody received it in person."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    kind: Literal["staff", "department"]
    id: str


class OwnerAssigned(Event):
    EVENT_TYPE = "OwnerAssigned"
    SOURCE = "routing"

    owner: OwnerRef
    rule: str
    reason: str
    at: AwareDatetime | None = Field(None, description="From when the owner holds the case.")
    previous_owner: OwnerRef | None = None
    config_version: int | None = None


class RoutingDecision(Event):
    """Base of the routing events below (not an event type itself)."""

    SOURCE = "routing"

    config_version: int = Field(ge=1, description="Tenant configuration version the decision used.")


class HandlerAssigned(RoutingDecision):
    EVENT_TYPE = "HandlerAssigned"

    handler: str = Field(description="Staff id of who handles the case.")
    rule: str
    reason: str
    department: str | None = None
    by: str | None = Field(None, description="Staff id when a person chose; None when the rules chose.")
    open_cases: int | None = Field(None, description="The handler's open workload when chosen by the rules.")


class HandlingDepartmentProposed(RoutingDecision):
    EVENT_TYPE = "HandlingDepartmentProposed"

    department: str
    proposed_by: str = Field(description="Department id of the customer-service centre that registered it.")
    categories: tuple[str, ...]
    reason: str


class HandlingDepartmentAssigned(RoutingDecision):
    EVENT_TYPE = "HandlingDepartmentAssigned"

    department: str
    proposed: str | None = Field(None, description="The proposal, when the approver changed it.")
    approved_by: str
    reason: str


class CoordinationRequested(RoutingDecision):
    EVENT_TYPE = "CoordinationRequested"

    coordinator: str = Field(description="Department id of the clinic office (or its fallback).")
    departments: tuple[str, ...] = Field(description="Departments the complaint touches.")
    uncovered_categories: tuple[str, ...] = ()
    reason: str


class TeamMember(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    staff: str
    seat: str


class IncidentTeamFormed(RoutingDecision):
    EVENT_TYPE = "IncidentTeamFormed"

    members: tuple[TeamMember, ...]
    negotiator: str | None = Field(description="Staff id of the one person who negotiates.")
    vacant_seats: tuple[str, ...] = ()
    clinical: bool
    level: str


class ChainNotified(RoutingDecision):
    EVENT_TYPE = "ChainNotified"

    notified: tuple[str, ...] = Field(description="Staff ids at chain level (the medical director).")
    department: str | None = None
    reason: str


class TransferRequested(RoutingDecision):
    EVENT_TYPE = "TransferRequested"

    from_owner: OwnerRef
    to: OwnerRef
    reason: str = Field(min_length=1)
    by: str
    requested_at: AwareDatetime
    expires_at: AwareDatetime = Field(description="Escalates if nobody accepts by then.")


class TransferAccepted(RoutingDecision):
    EVENT_TYPE = "TransferAccepted"

    to: OwnerRef
    by: str


class TransferRejected(RoutingDecision):
    EVENT_TYPE = "TransferRejected"

    to: OwnerRef
    by: str
    reason: str = Field(min_length=1)


class TransferExpired(RoutingDecision):
    EVENT_TYPE = "TransferExpired"

    to: OwnerRef
    expired_at: AwareDatetime


class Escalated(RoutingDecision):
    EVENT_TYPE = "Escalated"

    from_owner: OwnerRef | None
    to: OwnerRef
    from_rung: str | None
    to_rung: str
    skipped_rungs: tuple[str, ...] = Field((), description="Rungs passed over for lack of an eligible holder.")
    trigger: Literal["deadline_breached", "requested", "transfer_not_accepted"]
    reason: str
    by: str | None = None
    clock: str | None = Field(None, description="The breached SLA clock, for deadline_breached.")
    due_at: AwareDatetime | None = Field(None, description="The breached deadline, for deadline_breached.")


class AttributionTransferred(RoutingDecision):
    EVENT_TYPE = "AttributionTransferred"

    from_staff: str | None = Field(description="The original consultant, if known.")
    to: OwnerRef
    reason: str


class Recused(RoutingDecision):
    EVENT_TYPE = "Recused"

    staff: str
    grounds: Literal["named_in_complaint", "declared_conflict"]
    conflict_with: Literal["patient", "staff", "branch"] | None = None
    reason: str


class RepresentativeVerified(RoutingDecision):
    EVENT_TYPE = "RepresentativeVerified"

    by: str
    agent_kind: str
    valid_until: date
    document_sha256: str = Field(description="Digest of the power of attorney; the document stays in intake.")


class SettlementBlocked(RoutingDecision):
    EVENT_TYPE = "SettlementBlocked"

    reason: str


class OrganisationApplied(Event):
    """A tenant file was applied to routing: every later routing decision names this version.
    Written on the tenant's organisation stream (`contracts.tenant.organisation_stream`)."""

    EVENT_TYPE = "OrganisationApplied"
    SOURCE = "routing"

    version: int
    digest: str = Field(description="SHA-256 of the applied organisation's canonical JSON.")
    branches: int
    departments: int
    staff: int
