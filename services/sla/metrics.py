"""SLA's metrics (labels: clock name only)."""

from prometheus_client import Counter, Gauge

CLOCKS_OPEN = Gauge("redress_clocks_open", "Running clocks", ["clock"])
BREACHED = Counter("redress_deadlines_breached_total", "Deadlines breached", ["clock"])
