"""Settlement's metrics."""

from prometheus_client import Counter

OPENED = Counter("redress_settlement_cases_opened_total", "Settlement cases opened", ["level"])
