"""The routing service: who is responsible for each complaint. Writes `redress.routing.v1`."""

from runtime.reactions import react
from runtime.service import ServiceSpec
from services.routing.domain.ownership import decide

HANDLED = {"ComplaintReceived"}


async def handle(conn, envelope, now) -> str:
    if envelope.type not in HANDLED:
        return "ignored"
    await react(conn, envelope, now, source="routing", decide=decide)
    return "processed"


SPEC = ServiceSpec(name="routing", consumes=("intake", "sla"), handler=handle, title="Redress routing")
