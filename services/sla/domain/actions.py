"""What case actions do to the clocks (domain spec section 4; seeds 001 and 003).

- A contact with the complainant satisfies the acknowledgement clock (and, when
  substantive, the first response) and restarts the update interval: seed 003's "no black
  box" is an update at least every N working days while the case is open.
- Resolution stops every clock; reopening starts a new resolution instance (and a new
  update interval) with the figures of the previous one.
- While the case waits on the complainant or an external appraisal, operational clocks
  pause and later resume with the business time they had left (`business_time.py`);
  statutory clocks never pause. A wait on the complainant that goes on after they have
  replied is reported (`PauseOverrunDetected`, via the timer) once the policy's
  `pause_report_after` has passed since the reply.
"""

from datetime import datetime

from contracts.events import Event
from contracts.sla import ClockPaused, ClockResumed, ClockStopped, ComplainantReplied, WaitingEnded, WaitingStarted
from services.sla.domain.business_time import Schedule
from services.sla.domain.calendars import calendar_for
from services.sla.domain.clocks import RESOLUTION, Clock, Clocks, restart, rule_of
from services.sla.domain.commands import (
    Command, CommandRejected, EndWaiting, LogContact, RecordReply, ReopenComplaint, ResolveComplaint, StartWaiting,
)
from services.sla.domain.due import compute_due
from services.sla.domain.policies import Policy, default_policy

UPDATE = "update"
SATISFIED_BY = {"acknowledgement": ("acknowledgement",), "response": ("acknowledgement", "first_response")}


def decide(state: Clocks, command: Command, now: datetime, policy: Policy | None = None) -> list[Event]:
    if command.at > now:
        raise CommandRejected(f"{type(command).__name__} at {command.at.isoformat()} lies in the future")
    if not state.clocks:
        raise CommandRejected("the case has no clocks yet: it has not been classified")
    handler = HANDLERS[type(command)]
    return handler(state, command, policy or default_policy())


def _contact(state: Clocks, cmd: LogContact, _policy: Policy) -> list[Event]:
    events: list[Event] = [
        ClockStopped(clock=c.name, instance=c.instance, stopped_at=cmd.at, reason="contacted")
        for c in _open(state) if c.name in SATISFIED_BY[cmd.kind]
    ]
    update = state.get(UPDATE)
    if update is not None and update.state != "stopped":
        events.append(ClockStopped(clock=UPDATE, instance=update.instance, stopped_at=cmd.at, reason="contacted"))
        events += started(state, restart(update, cmd.at, "contacted"), cmd.at)
    return events


def _resolve(state: Clocks, cmd: ResolveComplaint, _policy: Policy) -> list[Event]:
    events: list[Event] = [
        ClockStopped(clock=c.name, instance=c.instance, stopped_at=cmd.at, reason="resolved") for c in _open(state)
    ]
    if state.waiting is not None:
        events.append(WaitingEnded(ended_at=cmd.at, by=cmd.by, reason="resolved"))
    return events


def _reopen(state: Clocks, cmd: ReopenComplaint, _policy: Policy) -> list[Event]:
    resolution = state.get(RESOLUTION)
    if resolution is None or resolution.stop_reason != "resolved":
        raise CommandRejected("only a resolved case can be reopened")
    events = [restart(resolution, cmd.at, "reopened")]
    update = state.get(UPDATE)
    if update is not None and update.state == "stopped":
        events.append(restart(update, cmd.at, "reopened"))
    return events


def _start_waiting(state: Clocks, cmd: StartWaiting, _policy: Policy) -> list[Event]:
    if state.waiting is not None:
        raise CommandRejected(f"the case already waits on the {state.waiting.waiting_on} since "
                              f"{state.waiting.started_at.isoformat()}")
    return [WaitingStarted(waiting_on=cmd.waiting_on, reason=cmd.reason, started_at=cmd.at, by=cmd.by)] + [
        ClockPaused(clock=c.name, instance=c.instance, paused_at=cmd.at, waiting_on=cmd.waiting_on, reason=cmd.reason)
        for c in _open(state) if _pausable(c)
    ]


def _reply(state: Clocks, cmd: RecordReply, policy: Policy) -> list[Event]:
    w = state.waiting
    if w is None or w.waiting_on != "complainant" or w.replied_at is not None:
        return []
    some = state.clocks[0].deadline
    report_at = compute_due(cmd.at, some.timezone, calendar_for(some.country or ""), policy.pause_report_after.rule())
    return [ComplainantReplied(replied_at=cmd.at, report_overrun_at=report_at.due)]


def _end_waiting(state: Clocks, cmd: EndWaiting, _policy: Policy) -> list[Event]:
    if state.waiting is None:
        raise CommandRejected("the case is not waiting")
    events: list[Event] = [WaitingEnded(ended_at=cmd.at, by=cmd.by)]
    for clock in state.clocks:
        if clock.state == "paused":
            events += _resumed(clock, cmd.at)
    return events


def _resumed(clock: Clock, at: datetime) -> list[Event]:
    """Resume: the deadline (and a pending warning) move by the business time spent paused."""
    d = clock.deadline
    schedule = Schedule.for_rule(rule_of(d), d.timezone, calendar_for(d.country or ""))
    paused_for = schedule.elapsed(clock.paused_at, at)
    moved = {"due_at": schedule.advance(d.due_at, paused_for), "reason": "resumed"}
    if d.warn_at is not None and not clock.warned:
        moved["warn_at"] = schedule.advance(d.warn_at, paused_for)
    return [ClockResumed(clock=d.clock, instance=d.instance, resumed_at=at,
                         paused_business_seconds=int(paused_for.total_seconds())),
            d.model_copy(update=moved)]


def started(state: Clocks, deadline, at: datetime) -> list[Event]:
    """A clock instance started during a wait starts paused, if it can pause."""
    if state.waiting is None or deadline.mode != "operational":
        return [deadline]
    return [deadline, ClockPaused(clock=deadline.clock, instance=deadline.instance, paused_at=at,
                                  waiting_on=state.waiting.waiting_on, reason=state.waiting.reason)]


def _open(state: Clocks) -> list[Clock]:
    return [c for c in state.clocks if c.state != "stopped"]


def _pausable(clock: Clock) -> bool:
    return clock.deadline.mode == "operational" and clock.state == "running" and not clock.breached


HANDLERS = {
    LogContact: _contact, ResolveComplaint: _resolve, ReopenComplaint: _reopen,
    StartWaiting: _start_waiting, RecordReply: _reply, EndWaiting: _end_waiting,
}
