"""Receiving a complaint: check it against the chain's organisation, then record it
and its first classification (seed 001: the minimum registration record).

Pure: the tenant configuration, the new complaint id and the time come in as arguments.
"""

import hashlib
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from contracts.intake import BranchRef, Channel, ComplaintClassified, ComplaintReceived
from contracts.tenant import TenantConfig
from services.intake.domain.classification import classify

MAX_TEXT = 20_000


class Complainant(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    patient_ref: str | None = Field(None, max_length=100)


class ComplaintSubmission(BaseModel):
    """What an integration sends to register a complaint."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    external_id: str = Field(min_length=1, max_length=200, description="The chain's own id; idempotency key.")
    branch_id: str = Field(min_length=1, max_length=80)
    channel: Channel
    received_at: AwareDatetime = Field(description="When it was received, with its UTC offset.")
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    received_by: str | None = Field(None, max_length=80, description="Staff id of the first contact.")
    complainant: Complainant | None = None


class SubmissionRejected(ValueError):
    """The submission does not fit the tenant's organisation; `pointer` names the field."""

    def __init__(self, pointer: str, detail: str) -> None:
        super().__init__(detail)
        self.pointer, self.detail = pointer, detail


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def receive(submission: ComplaintSubmission, tenant: TenantConfig, subject_ref: str | None) -> list:
    """Decide the events of a new complaint: ComplaintReceived, then ComplaintClassified."""
    branch = tenant.branch(submission.branch_id)
    if branch is None:
        raise SubmissionRejected("/branch_id", f"unknown branch {submission.branch_id!r} for this tenant")
    if submission.received_by is not None and tenant.staff_member(submission.received_by) is None:
        raise SubmissionRejected("/received_by", f"unknown staff member {submission.received_by!r} for this tenant")
    result = classify(submission.text, channel=submission.channel)
    return [
        ComplaintReceived(
            external_id=submission.external_id,
            channel=submission.channel,
            branch=BranchRef(branch_id=branch.id, country=branch.country, timezone=branch.timezone),
            received_by=submission.received_by,
            received_at=submission.received_at,
            text_sha256=text_digest(submission.text),
            text_length=len(submission.text),
            subject_ref=subject_ref,
        ),
        ComplaintClassified(
            level=result.level,
            categories=tuple(result.categories),
            flags=tuple(result.flags),
            amount=result.amount.model_dump() if result.amount else None,
            language=result.language,
            signals=tuple(s.model_dump() for s in result.signals),
            classifier_version=result.classifier_version,
        ),
    ]

