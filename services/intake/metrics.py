"""Intake's metrics (labels: branch, channel, level — never a person or a complaint)."""

from prometheus_client import Counter

RECEIVED = Counter("redress_complaints_received_total", "Complaints registered", ["branch", "channel"])
CLASSIFIED = Counter("redress_complaints_classified_total", "Complaints classified", ["level"])
