"""Commands the SLA service accepts about a case (imperatives; they stay in this service).

`at` is when it happened (a contact logged after the fact keeps its real time); it may
not lie in the future of the service's `now`. `by` is the staff id, kept for the audit.
"""

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from contracts.sla import WaitingOn


class CommandRejected(ValueError):
    """The command does not apply to the case as it stands (maps to HTTP 409)."""


class Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    at: AwareDatetime
    by: str = Field(min_length=1, max_length=200)


class LogContact(Command):
    """A contact with the complainant. `acknowledgement` satisfies the acknowledgement
    clock; `response` (something substantive) satisfies it and the first response. Both
    restart the update interval."""

    kind: Literal["acknowledgement", "response"] = "response"


class ResolveComplaint(Command):
    """The case is resolved (and, where the policy asks, the result told): every clock stops."""


class ReopenComplaint(Command):
    reason: str = Field(min_length=1)


class StartWaiting(Command):
    """Operational clocks pause while the case waits; statutory clocks run on."""

    waiting_on: WaitingOn
    reason: str = Field(min_length=1)


class RecordReply(Command):
    """The complainant replied (only matters while the case waits on them)."""


class EndWaiting(Command):
    """The wait is over: paused clocks resume with the business time they had left."""
