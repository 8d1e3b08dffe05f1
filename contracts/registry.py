"""Every event type by name: the one place consumers look up how to read a payload."""

from contracts import intake, routing, settlement, sla
from contracts.envelope import Envelope
from contracts.events import Event

EVENT_TYPES: dict[str, type[Event]] = {
    cls.EVENT_TYPE: cls
    for cls in (
        intake.ComplaintReceived,
        intake.ComplaintClassified,
        routing.OwnerAssigned,
        sla.DeadlineSet,
        sla.DeadlineBreached,
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
