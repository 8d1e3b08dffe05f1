"""The routing service: who is responsible for each complaint. Writes `redress.routing.v1`."""

from pathlib import Path

from runtime.service import ServiceSpec
from services.routing.api import router
from services.routing.application import handle, transfer_timer

SPEC = ServiceSpec(
    name="routing", sql=Path(__file__).with_name("schema.sql"), consumes=("intake", "sla"), handler=handle,
    router_factory=router, loops=(transfer_timer,), title="Redress routing",
)
