"""Events written by the intake service on `redress.intake.v1`.

Personal data never travels here: the complaint text and the complainant's contact stay
in intake's own store; events carry digests and a pseudonymous subject reference.
"""

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
    concerned_staff: tuple[str, ...] = Field((), description="Staff ids named in the complaint, if known.")
    concerned_department: str | None = Field(None, description="Department id concerned, if known.")
    representative_present: bool = Field(False, description="Submitted or pursued by an agent of the patient.")
    demands: tuple[str, ...] = Field((), description="Kinds demanded: apology, explanation, redo, refund, compensation.")
    attachment_count: int = Field(0, description="How many attachments were registered (their metadata stays in intake).")


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


class ComplaintReclassified(Event):
    """A person changed the level (an override is an event with a reason)."""

    EVENT_TYPE = "ComplaintReclassified"
    SOURCE = "intake"

    level: Level
    previous_level: Level
    reason: str = Field(min_length=1)
    by: str = Field(description="Staff id of who reclassified.")
    categories: tuple[str, ...] | None = Field(None, description="New categories, when they changed too.")
    flags: tuple[str, ...] | None = Field(None, description="New flags, when they changed too.")


class SubjectErased(Event):
    """A data subject's key was destroyed on their request: their personal data in this
    complaint is unrecoverable from now on. Carries only the pseudonym, never personal data;
    written once on the stream of every complaint that held the subject's data."""

    EVENT_TYPE = "SubjectErased"
    SOURCE = "intake"

    subject_ref: str = Field(description="Pseudonym of the erased subject (keyed hash).")
    role: Literal["complainant", "representative"] = Field(
        "complainant", description="The part the subject played in this complaint.")


class RepeatClaimantPolicy(BaseModel):
    """Seed 002: how many refund/compensation demands, at how many branches, within how many
    months mark a repeat claimant (routes to senior handling; never rejects)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_demands: int = Field(3, ge=2, le=100)
    min_branches: int = Field(2, ge=1, le=100)
    window_months: int = Field(18, ge=1, le=120)

