"""The one envelope every Redress event travels in.

Each service is the single writer of its topic `redress.<service>.v1`; the message key is
the complaint id so that one complaint's events keep their order within a topic. The
envelope carries identity, order, time, provenance (actor, correlation, causation) and a
payload whose shape is named by `type` and `schema_version` (see `contracts.registry`).
"""

from typing import Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class Actor(BaseModel):
    """Who caused the event: a staff member, a tenant's integration, or a service itself."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    kind: Literal["staff", "integration", "service"]
    id: str = Field(min_length=1, max_length=200)


class Envelope(BaseModel):
    """Metadata around one event. `payload` is validated against `contracts.registry`."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    event_id: UUID = Field(description="Unique and time-ordered (UUIDv7).")
    type: str = Field(description="Past-tense event name, e.g. ComplaintReceived.")
    schema_version: int = Field(ge=1)
    tenant_id: str
    complaint_id: UUID
    stream_version: int = Field(ge=1, description="Position in the writer's stream for this complaint.")
    occurred_at: AwareDatetime
    recorded_at: AwareDatetime
    actor: Actor
    correlation_id: UUID
    causation_id: UUID | None = None
    source: str = Field(description="The service that wrote the event.")
    payload: dict[str, Any]


def topic_of(service: str) -> str:
    return f"redress.{service}.v1"


def dead_letter_topic_of(service: str) -> str:
    return f"{topic_of(service)}.dlq"


SERVICES = ("intake", "routing", "sla", "settlement", "analytics")

# Topics integrations write to (read by intake), each with its dead-letter sibling.
INBOUND_TOPICS = ("redress.intake.inbound.v1",)
