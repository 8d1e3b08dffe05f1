"""The registration record an integration submits (seed 001's minimum record, seed 000's
power of attorney): channel, branch, who received it and when, the complainant, an optional
representative, the facts, the demands and the attachments' metadata.

Limits protect the system and are part of the contract: text lengths, field counts, and
(at the HTTP edge and on the inbound topic) the body size. Unknown fields are refused.
"""

from datetime import date
from decimal import Decimal
from typing import Literal

from typing import Annotated

from pydantic import (
    AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator,
)

from contracts.intake import Channel

MAX_TEXT = 20_000
MAX_BODY_BYTES = 256 * 1024
MAX_DEMANDS = 10
MAX_ATTACHMENTS = 20
MAX_CONCERNED_STAFF = 20
MAX_MATTERS = 20

Identifier = Field(min_length=1, max_length=80)
StaffId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Matter = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Relation = Literal["lawyer", "legal_worker", "close_relative", "employee", "community_recommended"]
DemandKind = Literal["apology", "explanation", "redo", "refund", "compensation"]
Currency = Literal["CNY", "RUB", "USD", "EUR", "GBP"]
MONEY_DEMANDS = ("refund", "compensation")


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Complainant(_Record):
    name: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    patient_ref: str | None = Field(None, max_length=100, description="The chain's own patient reference.")


class PowerOfAttorney(_Record):
    """Seed 000: a written power naming the agent, the matters, the authority and the term, signed."""

    matters: tuple[Matter, ...] = Field((), max_length=MAX_MATTERS, description="e.g. mediation, settlement.")
    authority: str | None = Field(None, max_length=2_000)
    valid_from: date | None = None
    valid_to: date | None = None
    signed: bool = False

    @field_validator("valid_to")
    @classmethod
    def ends_after_it_starts(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("valid_from")
        if value is not None and start is not None and value < start:
            raise ValueError("must not be before valid_from")
        return value


class Representative(_Record):
    name: str = Field(min_length=1, max_length=200)
    relation: Relation
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    power_of_attorney: PowerOfAttorney | None = None


class Demand(_Record):
    kind: DemandKind
    amount: Decimal | None = Field(None, gt=0, max_digits=14, decimal_places=2)
    currency: Currency | None = None
    note: str | None = Field(None, max_length=1_000)

    @model_validator(mode="after")
    def money_has_both_parts(self) -> "Demand":
        if self.amount is not None and self.kind not in MONEY_DEMANDS:
            raise ValueError("only refund and compensation demands carry an amount")
        if (self.amount is None) != (self.currency is None):
            raise ValueError("an amount needs its currency and a currency needs an amount")
        return self


class Attachment(_Record):
    name: str = Field(min_length=1, max_length=255)
    media_type: str = Field(max_length=100, pattern=r"^[a-z0-9.+-]+/[a-z0-9.+-]+$")
    size_bytes: int = Field(ge=0, le=100 * 1024 * 1024)
    sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")
    url: str | None = Field(None, max_length=2_000)


class ComplaintSubmission(_Record):
    """What an integration sends to register a complaint (HTTP body or inbound message value)."""

    external_id: str = Field(min_length=1, max_length=200, description="The chain's own id; idempotency key.")
    branch_id: str = Identifier
    channel: Channel
    received_at: AwareDatetime = Field(description="When it was received, with its UTC offset.")
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    received_by: str | None = Field(None, max_length=80, description="Staff id of the first contact.")
    complainant: Complainant | None = None
    concerned_department: str | None = Field(None, max_length=80)
    concerned_staff: tuple[StaffId, ...] = Field((), max_length=MAX_CONCERNED_STAFF)
    representative: Representative | None = None
    demands: tuple[Demand, ...] = Field((), max_length=MAX_DEMANDS)
    attachments: tuple[Attachment, ...] = Field((), max_length=MAX_ATTACHMENTS)

    @field_validator("demands")
    @classmethod
    def one_demand_per_kind(cls, value: tuple[Demand, ...]) -> tuple[Demand, ...]:
        kinds = [d.kind for d in value]
        if len(set(kinds)) != len(kinds):
            raise ValueError("each kind of demand may appear once")
        return value

    def demand_kinds(self) -> tuple[str, ...]:
        return tuple(sorted(d.kind for d in self.demands))
