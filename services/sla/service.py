"""The SLA service: deadlines, calendars and durable clocks. Writes `redress.sla.v1`."""

from pathlib import Path

from runtime.service import ServiceSpec
from services.sla.api import router
from services.sla.application import handle, timer_loop

SPEC = ServiceSpec(
    name="sla", sql=Path(__file__).with_name("schema.sql"), consumes=("intake",), handler=handle,
    loops=(timer_loop,), router_factory=router, title="Redress SLA",
)
