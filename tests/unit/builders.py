"""Builders of events and envelopes for the given/when/then tests of pure rules."""

from datetime import datetime, timezone
from uuid import UUID

from contracts.envelope import Actor, Envelope
from contracts.events import Event
from contracts.intake import BranchRef, ComplaintClassified, ComplaintReceived
from runtime.ids import new_id

COMPLAINT = UUID("01a20000-0000-7000-8000-000000000001")
T0 = datetime(2026, 11, 23, 2, 15, tzinfo=timezone.utc)


def received(*, received_by: str | None = "shanghai-jingan-frontdesk", branch: str = "shanghai-jingan",
             country: str = "CN", tz: str = "Asia/Shanghai", at: datetime = T0) -> ComplaintReceived:
    return ComplaintReceived(
        external_id="crm-1", channel="walk_in", branch=BranchRef(branch_id=branch, country=country, timezone=tz),
        received_by=received_by, received_at=at, text_sha256="0" * 64, text_length=10,
    )


def classified(level: str = "complaint") -> ComplaintClassified:
    return ComplaintClassified(level=level, categories=("pricing_billing",), flags=(), language="zh",
                               classifier_version="test")


def envelope(event: Event, *, version: int = 1, at: datetime = T0, source: str | None = None) -> Envelope:
    return Envelope(
        event_id=new_id(), type=event.EVENT_TYPE, schema_version=event.SCHEMA_VERSION, tenant_id="lotus",
        complaint_id=COMPLAINT, stream_version=version, occurred_at=at, recorded_at=at,
        actor=Actor(kind="service", id=source or event.SOURCE), correlation_id=COMPLAINT, causation_id=None,
        source=source or event.SOURCE, payload=event.model_dump(mode="json"),
    )
