"""Every event type by name: the one place consumers look up how to read a payload."""

from contracts import intake, routing, settlement, sla
from contracts.envelope import Envelope
from contracts.events import Event

EVENT_TYPES: dict[str, type[Event]] = {
    cls.EVENT_TYPE: cls
    for cls in (
        intake.ComplaintReceived,
        intake.ComplaintClassified,
        intake.ComplaintReclassified,
        intake.SubjectErased,
        routing.OwnerAssigned,
        routing.OrganisationApplied,
        routing.HandlerAssigned,
        routing.HandlingDepartmentProposed,
        routing.HandlingDepartmentAssigned,
        routing.CoordinationRequested,
        routing.IncidentTeamFormed,
        routing.ChainNotified,
        routing.TransferRequested,
        routing.TransferAccepted,
        routing.TransferRejected,
        routing.TransferExpired,
        routing.Escalated,
        routing.AttributionTransferred,
        routing.Recused,
        routing.RepresentativeVerified,
        routing.SettlementBlocked,
        sla.DeadlineSet,
        sla.DeadlineBreached,
        sla.DeadlineApproached,
        sla.ClockPaused,
        sla.ClockResumed,
        sla.ClockStopped,
        sla.WaitingStarted,
        sla.ComplainantReplied,
        sla.WaitingEnded,
        sla.PauseOverrunDetected,
        settlement.SettlementCaseOpened,
    )
}


class UnknownEventType(LookupError):
    pass


def payload_of(envelope: Envelope) -> Event:
    """Read an envelope's payload as its typed event (older schema versions included)."""
    try:
        cls = EVENT_TYPES[envelope.type]
    except KeyError:
        raise UnknownEventType(envelope.type) from None
    return cls.model_validate(envelope.payload)
