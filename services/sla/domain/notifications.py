"""When to tell a person about an SLA event: within their working hours, not at midnight.

A warning that falls due at 02:34 is real at 02:34 (the event keeps its time), but the
person it goes to hears of it when their day opens: at the event time if it is inside
their business hours on one of their working days, else at their next opening.
"""

import datetime as dt

from services.sla.domain.business_time import Schedule
from services.sla.domain.calendars import BusinessCalendar
from services.sla.domain.due import BusinessHours, zone_named


def notify_at(event_time: dt.datetime, recipient_zone: str, business_hours: BusinessHours | str,
              calendar: BusinessCalendar) -> dt.datetime:
    """The first instant at or after `event_time` inside the recipient's business hours,
    in the recipient's time zone."""
    if event_time.tzinfo is None or event_time.utcoffset() is None:
        raise ValueError("event_time must be timezone-aware (carry a UTC offset)")
    hours = BusinessHours.parse(business_hours) if isinstance(business_hours, str) else business_hours
    schedule = Schedule(timezone=recipient_zone, calendar=calendar, hours=hours)
    opens, _closes = next(schedule.windows(event_time))
    return opens.astimezone(zone_named(recipient_zone))
