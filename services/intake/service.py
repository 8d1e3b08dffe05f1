"""The intake service: the door complaints come in through. Writes `redress.intake.v1`."""

from pathlib import Path

from runtime.service import ServiceSpec
from services.intake.api import router

SPEC = ServiceSpec(
    name="intake",
    sql=Path(__file__).with_name("schema.sql"),
    router_factory=router,
    title="Redress intake",
)
