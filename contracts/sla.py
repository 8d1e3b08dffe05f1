"""Events written by the SLA service on `redress.sla.v1`.

A clock is identified by its name (`acknowledgement`, `first_response`, `update`,
`resolution`) and an instance number: the update clock starts a new instance at every
contact, the resolution clock at every reopening. Warnings and breaches happen at most
once per instance. Fields added after v1 are optional, so older events still read.
"""

from typing import Literal

from pydantic import AwareDatetime, Field

from contracts.events import Event

ClockMode = Literal["operational", "statutory"]
WaitingOn = Literal["complainant", "external_appraisal"]


class DeadlineSet(Event):
    """A clock instance starts, or its deadline moves (after a pause, `reason` = resumed)."""

    EVENT_TYPE = "DeadlineSet"
    SOURCE = "sla"

    clock: str
    due_at: AwareDatetime
    policy: str
    rule: str
    timezone: str
    warnings: tuple[str, ...] = ()
    instance: int = Field(1, ge=1)
    mode: ClockMode = Field("operational", description="operational clocks pause while waiting; statutory never do")
    started_at: AwareDatetime | None = None
    warn_at: AwareDatetime | None = Field(None, description="When DeadlineApproached falls due; None: no warning.")
    warn_share: float | None = Field(None, gt=0, lt=1)
    rule_kind: str | None = None
    rule_amount: int | None = None
    business_hours: str | None = Field(None, description="For working_hours rules, e.g. 09:00-18:00.")
    notify_hours: str | None = Field(None, description="The branch's opening hours, within which its people hear "
                                                         "of this clock's warning and breach (09:00-18:00 when None).")
    country: str | None = None
    calendar_version: str | None = None
    reason: str | None = Field(None, description="classified, contacted, reopened, resumed or reclassified.")
    result_to_complainant: bool = False


class DeadlineApproached(Event):
    """The warning: `share` of the clock's allowed business time has passed."""

    EVENT_TYPE = "DeadlineApproached"
    SOURCE = "sla"

    clock: str
    instance: int = Field(1, ge=1)
    warn_at: AwareDatetime
    due_at: AwareDatetime
    share: float
    notify_at: AwareDatetime | None = Field(
        None, description="When the branch's people hear of it: the next instant inside their working hours.")


class DeadlineBreached(Event):
    EVENT_TYPE = "DeadlineBreached"
    SOURCE = "sla"

    clock: str
    due_at: AwareDatetime
    instance: int = Field(1, ge=1)
    notify_at: AwareDatetime | None = Field(
        None, description="When the branch's people hear of it: the next instant inside their working hours.")


class ClockPaused(Event):
    EVENT_TYPE = "ClockPaused"
    SOURCE = "sla"

    clock: str
    instance: int = Field(1, ge=1)
    paused_at: AwareDatetime
    waiting_on: WaitingOn
    reason: str


class ClockResumed(Event):
    """Followed by a DeadlineSet carrying the moved deadline."""

    EVENT_TYPE = "ClockResumed"
    SOURCE = "sla"

    clock: str
    instance: int = Field(1, ge=1)
    resumed_at: AwareDatetime
    paused_business_seconds: int = Field(ge=0, description="Business time that passed while paused.")


class ClockStopped(Event):
    EVENT_TYPE = "ClockStopped"
    SOURCE = "sla"

    clock: str
    instance: int = Field(1, ge=1)
    stopped_at: AwareDatetime
    reason: Literal["contacted", "resolved", "reclassified"]


class WaitingStarted(Event):
    """The case waits on the complainant or an external appraisal (who, why: audited)."""

    EVENT_TYPE = "WaitingStarted"
    SOURCE = "sla"

    waiting_on: WaitingOn
    reason: str = Field(min_length=1)
    started_at: AwareDatetime
    by: str = Field(min_length=1, description="Staff id who paused.")


class ComplainantReplied(Event):
    """The complainant answered during a wait on them; the wait must end by `report_overrun_at`."""

    EVENT_TYPE = "ComplainantReplied"
    SOURCE = "sla"

    replied_at: AwareDatetime
    report_overrun_at: AwareDatetime


class WaitingEnded(Event):
    EVENT_TYPE = "WaitingEnded"
    SOURCE = "sla"

    ended_at: AwareDatetime
    by: str = Field(min_length=1)
    reason: str = "resumed"


class PauseOverrunDetected(Event):
    """A wait on the complainant still held the clocks after they had replied."""

    EVENT_TYPE = "PauseOverrunDetected"
    SOURCE = "sla"

    waiting_on: WaitingOn
    paused_since: AwareDatetime
    replied_at: AwareDatetime
    detected_at: AwareDatetime
