"""Clocks of one complaint: set from the level when it is classified, breached when due.

State is a pure fold of the SLA's own events; replaying them rebuilds the same clocks.
"""

from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict

from contracts.intake import ComplaintClassified, ComplaintReceived
from contracts.sla import DeadlineBreached, DeadlineSet
from services.sla.domain import policy
from services.sla.domain.calendars import calendar_for
from services.sla.domain.due import compute_due

RESOLUTION = "resolution"


class Clock(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    due_at: AwareDatetime
    state: Literal["running", "breached"]


class Clocks(BaseModel):
    model_config = ConfigDict(frozen=True)

    clocks: tuple[Clock, ...] = ()

    def get(self, name: str) -> Clock | None:
        return next((c for c in self.clocks if c.name == name), None)


def evolve(state: Clocks, event: object) -> Clocks:
    if isinstance(event, DeadlineSet):
        others = tuple(c for c in state.clocks if c.name != event.clock)
        return Clocks(clocks=others + (Clock(name=event.clock, due_at=event.due_at, state="running"),))
    if isinstance(event, DeadlineBreached):
        return Clocks(clocks=tuple(
            c.model_copy(update={"state": "breached"}) if c.name == event.clock else c for c in state.clocks))
    return state


def on_classified(state: Clocks, received: ComplaintReceived, classified: ComplaintClassified) -> list[DeadlineSet]:
    """Start the resolution clock from the level, in the branch's time zone and calendar."""
    if state.get(RESOLUTION) is not None:
        return []
    rule = policy.resolution_rule(classified.level)
    branch = received.branch
    deadline = compute_due(received.received_at, branch.timezone, calendar_for(branch.country), rule)
    return [DeadlineSet(clock=RESOLUTION, due_at=deadline.due, policy=policy.POLICY, rule=policy.describe(rule),
                        timezone=branch.timezone, warnings=deadline.warnings)]


def on_tick(state: Clocks, clock_name: str, now: datetime) -> list[DeadlineBreached]:
    """A running clock whose due time has passed is breached, once."""
    clock = state.get(clock_name)
    if clock is None or clock.state != "running" or clock.due_at > now:
        return []
    return [DeadlineBreached(clock=clock.name, due_at=clock.due_at)]
