"""Analytics' metrics."""

from prometheus_client import Counter, Gauge

TRAIL_EVENTS = Counter("redress_trail_events_total", "Events appended to the audit trail", ["source"])
TRAIL_HEAD = Gauge("redress_trail_head_position", "Position of the audit trail's last entry")
