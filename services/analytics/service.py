"""The analytics service: the audit trail, the case view, and (later) reports."""

from pathlib import Path

from runtime.service import ServiceSpec
from services.analytics.api import router
from services.analytics.application import handle

SPEC = ServiceSpec(
    name="analytics", sql=Path(__file__).with_name("schema.sql"),
    consumes=("intake", "routing", "sla", "settlement"), handler=handle, router_factory=router,
    title="Redress analytics",
)
