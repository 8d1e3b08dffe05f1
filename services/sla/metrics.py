"""SLA's metrics (labels: clock name only)."""

from prometheus_client import Counter, Gauge

from contracts.sla import DeadlineApproached, DeadlineBreached

CLOCKS_OPEN = Gauge("redress_clocks_open", "Running clocks", ["clock"])
BREACHED = Counter("redress_deadlines_breached_total", "Deadlines breached", ["clock"])
WARNED = Counter("redress_deadlines_approached_total", "Warnings before a deadline", ["clock"])


def count(event: object) -> None:
    if isinstance(event, DeadlineBreached):
        BREACHED.labels(event.clock).inc()
    elif isinstance(event, DeadlineApproached):
        WARNED.labels(event.clock).inc()
