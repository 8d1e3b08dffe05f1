"""Metrics every service exposes. Labels are bounded: service, type, topic, outcome, route."""

from prometheus_client import Counter, Gauge, Histogram

SERVICE_READY = Gauge("redress_service_ready", "1 when the service is ready to work", ["service"])
EVENTS_APPENDED = Counter("redress_events_appended_total", "Events written to the event store", ["service", "type"])
OUTBOX_PENDING = Gauge("redress_outbox_pending", "Events not yet published to Kafka", ["service"])
OUTBOX_PUBLISHED = Counter("redress_outbox_published_total", "Events published by the outbox relay", ["service"])
CONSUMER_MESSAGES = Counter(
    "redress_consumer_messages_total", "Consumed messages by outcome", ["service", "topic", "outcome"]
)
HTTP_REQUESTS = Counter(
    "redress_http_requests_total", "HTTP requests", ["service", "method", "route", "status"]
)
HTTP_DURATION = Histogram(
    "redress_http_request_duration_seconds", "HTTP request duration", ["service", "method", "route"]
)
