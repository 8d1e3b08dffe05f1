"""What staff ask routing to do with a case (seed 001: written transfer, escalation, the
supervisor's approval of the handling department, power-of-attorney check), and the
refusal every invalid request gets instead of an event.

Every command names the acting staff member (`by`); the HTTP edge takes it from the
authenticated caller, never from the body alone.
"""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from contracts.routing import OwnerRef


class Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    by: str = Field(min_length=1, max_length=80, description="Staff id of who acts.")


class RequestTransfer(Command):
    to: OwnerRef
    reason: str = ""


class AcceptTransfer(Command):
    pass


class RejectTransfer(Command):
    reason: str = ""


class Escalate(Command):
    reason: str = ""


class AssignHandler(Command):
    handler: str = Field(min_length=1, max_length=80)
    reason: str = ""


class ApproveDepartment(Command):
    department: str | None = Field(None, description="None approves the proposal; an id changes it.")
    reason: str = ""


AgentKind = Literal[
    "lawyer", "legal_worker", "close_relative", "employee_of_patient",
    "recommended_by_community", "recommended_by_employer",
]


class PowerOfAttorney(BaseModel):
    """What the verifier checked on the written power of attorney (domain, section 1)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    agent_kind: AgentKind
    names_agent: bool
    matters_include_settlement: bool
    states_authority: bool
    signed_by_patient: bool
    valid_until: date
    document_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class VerifyRepresentative(Command):
    power_of_attorney: PowerOfAttorney


RoutingCommand = (
    RequestTransfer | AcceptTransfer | RejectTransfer | Escalate | AssignHandler | ApproveDepartment
    | VerifyRepresentative
)


class CommandRejected(Exception):
    """An invalid command: nothing is recorded. `code` maps to an HTTP status (STATUS_OF)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code, self.detail = code, detail


STATUS_OF: dict[str, int] = {
    "unknown_case": 404,
    "actor_not_in_tenant": 403,
    "not_entitled": 403,
    "actor_recused": 403,
    "staff_not_in_tenant": 422,
    "unknown_department": 422,
    "reason_required": 422,
    "transfer_to_self": 422,
    "recipient_recused": 422,
    "handler_recused": 422,
    "power_of_attorney_insufficient": 422,
    "no_pending_transfer": 409,
    "transfer_pending": 409,
    "nothing_to_approve": 409,
    "ladder_exhausted": 409,
    "unknown_command": 400,
}


def require_reason(reason: str, what: str) -> str:
    if not reason.strip():
        raise CommandRejected("reason_required", f"{what} needs a written reason")
    return reason.strip()
