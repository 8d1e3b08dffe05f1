"""The settlement service: self-check, remedies and agreements. Writes `redress.settlement.v1`."""

from runtime.reactions import react
from runtime.service import ServiceSpec
from services.settlement.domain.opening import decide
from services.settlement.metrics import OPENED


async def handle(conn, envelope, now) -> str:
    if envelope.type not in ("ComplaintClassified", "ComplaintReclassified"):
        return "ignored"
    for opened in await react(conn, envelope, now, source="settlement", decide=decide):
        OPENED.labels(opened.level).inc()
    return "processed"


SPEC = ServiceSpec(name="settlement", consumes=("intake",), handler=handle, title="Redress settlement")
