"""Clocks of one complaint: started from the policy when it is classified, warned at a
share of their allowed business time (default 75%), breached when due — each at most once
per clock instance.

State is a pure fold of the SLA's own events (`evolve`); every figure a later decision
needs (rule, mode, warning share, calendar, zone) travels in DeadlineSet, so replaying
the events rebuilds the same deadlines. The durable timer stores one `due_at` per clock
(`timers`) and calls `on_tick` when it comes. What case actions do: `actions.py`.
"""

from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict

from contracts.events import Event
from contracts.intake import ComplaintClassified, ComplaintReceived
from contracts.sla import (
    ClockPaused, ClockResumed, ClockStopped, ComplainantReplied, DeadlineApproached, DeadlineBreached, DeadlineSet,
    PauseOverrunDetected, WaitingEnded, WaitingOn, WaitingStarted,
)
from services.sla.domain.business_time import Schedule
from services.sla.domain.calendar_version import calendar_version
from services.sla.domain.calendars import calendar_for
from services.sla.domain.due import BusinessHours, DueRule, compute_due
from services.sla.domain.policies import Policy, case_of, default_policy
from services.sla.domain.notifications import notify_at
from services.sla.domain.policy import describe

RESOLUTION = "resolution"
NOTIFICATION_HOURS = "09:00-18:00"  # when the branch's people are told, unless the clock or branch has hours
PAUSE_OVERRUN = "pause_overrun"  # timer row of the wait, next to the clocks' rows


class Clock(BaseModel):
    model_config = ConfigDict(frozen=True)

    deadline: DeadlineSet
    state: str = "running"  # running | paused | stopped
    warned: bool = False
    breached: bool = False
    paused_at: AwareDatetime | None = None
    stop_reason: str | None = None

    @property
    def name(self) -> str:
        return self.deadline.clock

    @property
    def instance(self) -> int:
        return self.deadline.instance

    @property
    def due_at(self) -> datetime:
        return self.deadline.due_at

    def next_due(self) -> datetime | None:
        """The next instant this clock has something to say (warning, then breach)."""
        if self.state != "running" or self.breached:
            return None
        if not self.warned and self.deadline.warn_at is not None:
            return min(self.deadline.warn_at, self.due_at)
        return self.due_at


class Waiting(BaseModel):
    model_config = ConfigDict(frozen=True)

    waiting_on: WaitingOn
    reason: str
    started_at: AwareDatetime
    replied_at: AwareDatetime | None = None
    report_overrun_at: AwareDatetime | None = None
    overrun_reported: bool = False


class Clocks(BaseModel):
    model_config = ConfigDict(frozen=True)

    clocks: tuple[Clock, ...] = ()
    waiting: Waiting | None = None

    def get(self, name: str) -> Clock | None:
        return next((c for c in self.clocks if c.name == name), None)

    def with_clock(self, name: str, **changes) -> "Clocks":
        return self.model_copy(update={"clocks": tuple(
            c.model_copy(update=changes) if c.name == name else c for c in self.clocks)})


def evolve(state: Clocks, event: object) -> Clocks:
    if isinstance(event, DeadlineSet):
        current = state.get(event.clock)
        if current is not None and current.instance == event.instance:
            return state.with_clock(event.clock, deadline=event)
        others = tuple(c for c in state.clocks if c.name != event.clock)
        return state.model_copy(update={"clocks": others + (Clock(deadline=event),)})
    if isinstance(event, (DeadlineApproached, DeadlineBreached, ClockPaused, ClockResumed, ClockStopped)):
        current = state.get(event.clock)
        if current is None or current.instance != event.instance:
            return state
        if isinstance(event, DeadlineApproached):
            return state.with_clock(event.clock, warned=True)
        if isinstance(event, DeadlineBreached):
            return state.with_clock(event.clock, breached=True)
        if isinstance(event, ClockPaused):
            return state.with_clock(event.clock, state="paused", paused_at=event.paused_at)
        if isinstance(event, ClockResumed):
            return state.with_clock(event.clock, state="running", paused_at=None)
        return state.with_clock(event.clock, state="stopped", paused_at=None, stop_reason=event.reason)
    if isinstance(event, WaitingStarted):
        waiting = Waiting(waiting_on=event.waiting_on, reason=event.reason, started_at=event.started_at)
        return state.model_copy(update={"waiting": waiting})
    if isinstance(event, ComplainantReplied) and state.waiting is not None:
        return state.model_copy(update={"waiting": state.waiting.model_copy(
            update={"replied_at": event.replied_at, "report_overrun_at": event.report_overrun_at})})
    if isinstance(event, PauseOverrunDetected) and state.waiting is not None:
        return state.model_copy(update={"waiting": state.waiting.model_copy(update={"overrun_reported": True})})
    if isinstance(event, WaitingEnded):
        return state.model_copy(update={"waiting": None})
    return state


def start_clock(name: str, rule: DueRule, start: datetime, *, timezone: str, country: str, policy: str,
                mode: str, warn_share: float, instance: int = 1, reason: str = "classified",
                result_to_complainant: bool = False, notify_hours: str | None = None) -> DeadlineSet:
    """A clock instance running from `start`, its warning at `warn_share` of its business time."""
    calendar = calendar_for(country)
    deadline = compute_due(start, timezone, calendar, rule)
    schedule = Schedule.for_rule(rule, timezone, calendar)
    allowed = schedule.elapsed(start, deadline.due)
    warn_at = schedule.advance(start, allowed * warn_share).replace(microsecond=0)
    return DeadlineSet(
        clock=name, due_at=deadline.due, policy=policy, rule=describe(rule), timezone=timezone,
        warnings=deadline.warnings, instance=instance, mode=mode, started_at=start, warn_at=warn_at,
        warn_share=warn_share, rule_kind=rule.kind, rule_amount=rule.amount,
        business_hours=_hours_text(rule.business_hours) if rule.kind == "working_hours" else None,
        country=calendar.country, calendar_version=calendar_version(calendar), reason=reason,
        result_to_complainant=result_to_complainant, notify_hours=notify_hours,
    )


def restart(clock: Clock, start: datetime, reason: str) -> DeadlineSet:
    """The next instance of a clock, with the figures of the current one."""
    d = clock.deadline
    if d.country is None:
        raise ValueError(f"clock {d.clock} was set without its country (before SLA v1.1); it cannot restart")
    return start_clock(d.clock, rule_of(d), start, timezone=d.timezone, country=d.country, policy=d.policy,
                       mode=d.mode, warn_share=d.warn_share or default_policy().warn_at, instance=d.instance + 1,
                       reason=reason, result_to_complainant=d.result_to_complainant, notify_hours=d.notify_hours)


def rule_of(deadline: DeadlineSet) -> DueRule:
    if deadline.rule_kind is not None:
        hours = BusinessHours.parse(deadline.business_hours) if deadline.business_hours else None
        extra = {"business_hours": hours} if hours else {}
        return DueRule(kind=deadline.rule_kind, amount=deadline.rule_amount or 0, **extra)
    kind, _, amount = deadline.rule.partition(" ")  # events written before rule_kind existed
    return DueRule(kind=kind, amount=int(amount or 0))


def on_classified(state: Clocks, received: ComplaintReceived, classified: ComplaintClassified,
                  policy: Policy | None = None, departments: int = 1) -> list[DeadlineSet]:
    """Start the policy's clocks for the case, in the branch's time zone and calendar."""
    if state.clocks:
        return []
    policy = policy or default_policy()
    case = case_of(classified.level, classified.categories, classified.flags, departments)
    branch = received.branch
    return [
        start_clock(plan.clock, plan.figure.rule(), received.received_at, timezone=branch.timezone,
                    country=branch.country, policy=policy.name, mode=plan.figure.mode, warn_share=plan.warn_share,
                    result_to_complainant=plan.figure.result_to_complainant, notify_hours=policy.business_hours)
        for plan in policy.plans_for(case)
    ]


def on_tick(state: Clocks, clock_name: str, now: datetime) -> list[Event]:
    """What is due by `now` on one timer row: warning and/or breach, or a pause overrun."""
    if clock_name == PAUSE_OVERRUN:
        return _pause_overrun(state, now)
    clock = state.get(clock_name)
    if clock is None or clock.state != "running" or clock.breached:
        return []
    d, events = clock.deadline, []
    if not clock.warned and d.warn_at is not None and d.warn_at <= now:
        events.append(DeadlineApproached(clock=d.clock, instance=d.instance, warn_at=d.warn_at, due_at=d.due_at,
                                         share=d.warn_share or 0.0, notify_at=_notify_at(d, now)))
    if d.due_at <= now:
        events.append(DeadlineBreached(clock=d.clock, due_at=d.due_at, instance=d.instance,
                                       notify_at=_notify_at(d, now)))
    return events


def _notify_at(deadline: DeadlineSet, now: datetime) -> datetime | None:
    """People at the branch hear of a warning or breach within their working hours."""
    if deadline.country is None:  # written before the clock knew its calendar
        return None
    hours = deadline.business_hours or deadline.notify_hours or NOTIFICATION_HOURS
    return notify_at(now, deadline.timezone, hours, calendar_for(deadline.country))


def _pause_overrun(state: Clocks, now: datetime) -> list[Event]:
    w = state.waiting
    if w is None or w.overrun_reported or w.report_overrun_at is None or w.report_overrun_at > now:
        return []
    return [PauseOverrunDetected(waiting_on=w.waiting_on, paused_since=w.started_at, replied_at=w.replied_at,
                                 detected_at=now)]


def timers(state: Clocks) -> dict[str, datetime | None]:
    """One row per clock (and one for the wait): when to call `on_tick` next; None: nothing to fire."""
    rows = {c.name: c.next_due() for c in state.clocks}
    w = state.waiting
    rows[PAUSE_OVERRUN] = None if w is None or w.overrun_reported else w.report_overrun_at
    return rows


def _hours_text(hours: BusinessHours) -> str:
    closes = "24:00" if hours.closes is None else hours.closes.strftime("%H:%M")
    return f"{hours.opens.strftime('%H:%M')}-{closes}"
