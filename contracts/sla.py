"""Events written by the SLA service on `redress.sla.v1`."""

from pydantic import AwareDatetime

from contracts.events import Event


class DeadlineSet(Event):
    EVENT_TYPE = "DeadlineSet"
    SOURCE = "sla"

    clock: str
    due_at: AwareDatetime
    policy: str
    rule: str
    timezone: str
    warnings: tuple[str, ...] = ()


class DeadlineBreached(Event):
    EVENT_TYPE = "DeadlineBreached"
    SOURCE = "sla"

    clock: str
    due_at: AwareDatetime
