"""Events written by the intake service on `redress.intake.v1`.

Personal data never travels here: the complaint text and the complainant's contact stay
in intake's own store; events carry digests and a pseudonymous subject reference.
"""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from contracts.events import Event

Channel = Literal[
    "walk_in", "phone", "letter", "suggestion_box", "online_review",
    "chat", "email", "regulator_referral", "integration",
]
Level = Literal["feedback", "suggestion", "dissatisfaction", "complaint", "dispute", "accident"]
LEVELS: tuple[str, ...] = ("feedback", "suggestion", "dissatisfaction", "complaint", "dispute", "accident")


class BranchRef(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    branch_id: str
    country: str = Field(min_length=2, max_length=2)
    timezone: str


class ComplaintReceived(Event):
    EVENT_TYPE = "ComplaintReceived"
    SOURCE = "intake"

    external_id: str
    channel: Channel
    branch: BranchRef
    received_by: str | None = Field(None, description="Staff id of the first contact, if any.")
    received_at: AwareDatetime
    text_sha256: str = Field(description="Digest of the complaint text; the text stays in intake.")
    text_length: int
    subject_ref: str | None = Field(None, description="Pseudonym of the complainant (keyed hash).")


class Amount(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    value: Decimal
    currency: Literal["CNY", "RUB", "USD", "EUR", "GBP"]


class Signal(BaseModel):
    """Why a classification came out as it did: which rule matched which evidence."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    rule: str
    field: str
    value: str
    evidence: str


class ComplaintClassified(Event):
    EVENT_TYPE = "ComplaintClassified"
    SOURCE = "intake"

    level: Level
    categories: tuple[str, ...]
    flags: tuple[str, ...]
    amount: Amount | None = None
    language: str
    signals: tuple[Signal, ...] = ()
    classifier_version: str


def received_day(received_at: datetime) -> str:
    return received_at.date().isoformat()
