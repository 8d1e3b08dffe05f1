"""A person's reclassification re-plans the clocks (issue 3: downstream services follow the
new level). Seed 001 gives a `complaint` 3 working days and a `dispute` 7, so a case raised
or lowered is held to the figure of its new level, counted from the receipt as if it had
been classified so at once:

- a clock whose rule changed gets a new instance counted from when the current instance
  started (the receipt, or the last contact or reopening), reason `reclassified`; if that
  instance is already due, the timer warns and breaches it at once;
- a clock the new level does not have is stopped (reason `reclassified`);
- a clock the new level adds starts from the receipt;
- clocks a contact or a resolution stopped stay stopped (one an earlier reclassification
  stopped starts again when a later level needs it); an unchanged rule changes nothing;
- during a wait, a new operational instance starts paused (the wait's own rule).
"""

from contracts.events import Event
from contracts.intake import ComplaintReceived, ComplaintReclassified
from contracts.sla import ClockStopped
from services.sla.domain.actions import started
from services.sla.domain.clocks import Clock, Clocks, start_clock
from services.sla.domain.policies import Policy, case_of

REASON = "reclassified"


def on_reclassified(state: Clocks, received: ComplaintReceived, reclassified: ComplaintReclassified,
                    categories: tuple[str, ...], flags: tuple[str, ...], policy: Policy, now) -> list[Event]:
    """`categories` and `flags`: the reclassification's own, else the classification's."""
    if not state.clocks:
        return []  # not classified yet: the classification will start the clocks
    case = case_of(reclassified.level, reclassified.categories or categories, reclassified.flags or flags)
    plans = {plan.clock: plan for plan in policy.plans_for(case)}
    branch = received.branch
    events: list[Event] = []
    for clock in state.clocks:
        if clock.name not in plans and clock.state != "stopped":
            events.append(ClockStopped(clock=clock.name, instance=clock.instance, stopped_at=now, reason=REASON))
    for name, plan in plans.items():
        current = state.get(name)
        if current is not None and current.state == "stopped" and current.stop_reason != REASON:
            continue  # satisfied by a contact or a resolution: nothing left to count
        if current is not None and current.state != "stopped" and _same_rule(current, plan):
            continue
        start = current.deadline.started_at if current and current.deadline.started_at else received.received_at
        deadline = start_clock(name, plan.figure.rule(), start, timezone=branch.timezone,
                               country=branch.country, policy=policy.name, mode=plan.figure.mode,
                               warn_share=plan.warn_share, instance=current.instance + 1 if current else 1,
                               reason=REASON, result_to_complainant=plan.figure.result_to_complainant,
                               notify_hours=policy.business_hours)
        events += started(state, deadline, now)
    return events


def _same_rule(clock: Clock, plan) -> bool:
    rule, d = plan.figure.rule(), clock.deadline
    return (d.rule_kind, d.rule_amount, d.mode) == (rule.kind, rule.amount, plan.figure.mode)

