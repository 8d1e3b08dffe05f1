"""First-contact responsibility (seed 001, 首接负责制): whoever receives a complaint owns
it from the first second, in whatever form it arrived. When nobody received it in person
(an integration, a review site), the branch's customer-service centre owns it.
"""

from pydantic import BaseModel, ConfigDict

from contracts.envelope import Envelope
from contracts.intake import ComplaintReceived
from contracts.registry import payload_of
from contracts.routing import OwnerAssigned, OwnerRef


class Routing(BaseModel):
    """What routing knows of one complaint."""

    model_config = ConfigDict(frozen=True)

    owner: OwnerRef | None = None


def evolve(state: Routing, event: object) -> Routing:
    if isinstance(event, OwnerAssigned):
        return state.model_copy(update={"owner": event.owner})
    return state


def customer_service_of(branch_id: str) -> OwnerRef:
    """The branch's customer-service centre, addressed by role until the tenant's
    organisation is projected into routing."""
    return OwnerRef(kind="department", id=f"{branch_id}:customer_service_centre")


def on_received(state: Routing, received: ComplaintReceived) -> list[OwnerAssigned]:
    if state.owner is not None:
        return []
    if received.received_by:
        return [OwnerAssigned(owner=OwnerRef(kind="staff", id=received.received_by), rule="first_contact",
                              reason="received the complaint")]
    return [OwnerAssigned(owner=customer_service_of(received.branch.branch_id), rule="first_contact_no_receiver",
                          reason=f"arrived without a receiver; the branch's customer-service centre owns it")]


def decide(history: list[Envelope], incoming: Envelope, _now) -> list[OwnerAssigned]:
    event = payload_of(incoming)
    if not isinstance(event, ComplaintReceived):
        return []
    state = Routing()
    for past in history:
        state = evolve(state, payload_of(past))
    return on_received(state, event)
