"""Intake's metrics (labels: branch, channel, level, outcome — never a person or a complaint)."""

from prometheus_client import Counter

RECEIVED = Counter("redress_complaints_received_total", "Complaints registered", ["branch", "channel"])
CLASSIFIED = Counter("redress_complaints_classified_total", "Complaints classified", ["level"])
RECLASSIFIED = Counter("redress_complaints_reclassified_total", "Classifications overridden by a person", ["level"])
REPEAT_CLAIMANTS = Counter("redress_repeat_claimant_flags_total", "Complaints flagged repeat_claimant", ["branch"])
ERASURES = Counter("redress_subject_erasures_total", "Data subjects erased (keys destroyed)")
INBOUND = Counter("redress_inbound_messages_total", "Inbound-topic messages by outcome",
                  ["outcome"])  # accepted | replayed | dead_lettered
DEAD_LETTERS_PUBLISHED = Counter("redress_inbound_dead_letters_published_total",
                                 "Dead letters published to the inbound topic's .dlq")
