"""The inbound topic `redress.intake.inbound.v1`: integrations that prefer Kafka submit the
same registration record as `POST /v1/complaints` (docs/intake.md has the message format).

Each message authenticates itself: header `redress-tenant` names the tenant and header
`authorization` carries `Bearer <the tenant's API key>`; both must agree. Optional headers:
`idempotency-key`, `correlation-id`. The message key should be the external id.

Consumed like every Redress topic (runtime/consumer.py): one PostgreSQL transaction per
batch, offsets committed after it, NACK on infrastructure errors so the batch comes again.
A message that is unauthenticated, too large, unreadable, invalid or conflicting becomes
a dead letter (dead_letters.py) with the reason — never dropped, never blocking the
partition. A redelivered message changes nothing: registration is idempotent on the
external id and a dead letter is unique on (topic, partition, offset).
"""

import asyncio
import logging
from dataclasses import dataclass
from uuid import UUID

import asyncpg
from aiokafka.structs import ConsumerRecord
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from pydantic import ValidationError

from contracts.envelope import Actor
from runtime.ids import new_id
from runtime.logs import log
from runtime.service import Runtime
from services.intake import application, dead_letters, metrics
from services.intake.domain.record import MAX_BODY_BYTES, ComplaintSubmission
from services.intake.domain.submission import SubmissionRejected
from services.intake.vault import Vault

INBOUND_TOPIC = "redress.intake.inbound.v1"
GROUP = "redress-intake-inbound"
TENANT_HEADER = "redress-tenant"
logger = logging.getLogger(__name__)


class Refused(Exception):
    """Why an inbound message cannot be registered; becomes the dead letter's reason."""


@dataclass(frozen=True)
class Outcome:
    name: str  # accepted | replayed | dead_lettered
    accepted: application.Accepted | None = None


def header_map(record_headers) -> dict[str, str]:
    return {k.lower(): v.decode("utf-8", "replace") for k, v in (record_headers or ())}


async def authenticated_tenant(conn, headers: dict[str, str]) -> str:
    scheme, _, api_key = headers.get("authorization", "").partition(" ")
    claimed = headers.get(TENANT_HEADER, "")
    if scheme.lower() != "bearer" or not api_key.strip() or not claimed:
        raise Refused("unauthenticated: missing or invalid credentials")
    if await application.authenticate(conn, api_key.strip()) != claimed:
        raise Refused("unauthenticated: missing or invalid credentials")
    return claimed


def validation_reason(exc: ValidationError) -> str:
    """Each bad field as JSON pointer and message — never the offending value (it may be personal)."""
    parts = ["/" + "/".join(str(p) for p in e["loc"]) + f": {e['msg']}" for e in exc.errors(include_input=False)]
    return "validation: " + "; ".join(parts)


async def submit_bytes(conn, vault: Vault, tenant_id: str, value: bytes, headers: dict[str, str]) -> application.Accepted:
    """Validate and register one message's value for an authenticated tenant; Refused when it cannot be."""
    if len(value) > MAX_BODY_BYTES:
        raise Refused(f"payload-too-large: {len(value)} bytes, the limit is {MAX_BODY_BYTES}")
    try:
        submission = ComplaintSubmission.model_validate_json(value)
    except ValidationError as exc:
        raise Refused(validation_reason(exc)) from None
    try:
        async with conn.transaction():
            return await application.register(
                conn, vault, tenant_id, submission, idempotency_key=headers.get("idempotency-key") or None,
                correlation_id=_uuid(headers.get("correlation-id")), actor=Actor(kind="integration", id=tenant_id))
    except SubmissionRejected as exc:
        raise Refused(f"validation: {exc.pointer}: {exc.detail}") from None
    except application.IdempotencyConflict as exc:
        raise Refused(f"idempotency-conflict: {exc.which} was used before with a different body") from None


async def handle_record(conn, vault: Vault, record: ConsumerRecord) -> Outcome:
    headers = header_map(record.headers)
    tenant_id = None
    try:
        tenant_id = await authenticated_tenant(conn, headers)
        accepted = await submit_bytes(conn, vault, tenant_id, record.value or b"", headers)
    except Refused as exc:
        await dead_letters.keep(conn, vault, record, reason=str(exc), tenant_id=tenant_id)
        log(logger, logging.WARNING, "inbound message dead-lettered", partition=record.partition,
            offset=record.offset, reason=str(exc)[:300])
        return Outcome("dead_lettered")
    return Outcome("replayed" if accepted.replayed else "accepted", accepted)


async def handle_batch(pool: asyncpg.Pool, vault: Vault, records: tuple[ConsumerRecord, ...]) -> None:
    outcomes = []
    async with pool.acquire() as conn, conn.transaction():
        for record in records:
            outcomes.append(await handle_record(conn, vault, record))
    for outcome in outcomes:
        metrics.INBOUND.labels(outcome.name).inc()
        if outcome.accepted is not None:
            application.count(outcome.accepted)


def _uuid(text: str | None) -> UUID:
    try:
        return UUID(text or "")
    except ValueError:
        return new_id()


def consume(vault_of):
    """A service loop: consume the inbound topic until the service stops."""

    async def inbound_consumer(rt: Runtime) -> None:
        vault = vault_of()
        broker = KafkaBroker(rt.settings.kafka_bootstrap_servers, logger=logging.getLogger("faststream.intake.inbound"))

        async def on_batch(_: list[bytes], message: KafkaMessage) -> None:
            records = message.raw_message if isinstance(message.raw_message, tuple) else (message.raw_message,)
            await handle_batch(rt.pool, vault, records)

        broker.subscriber(INBOUND_TOPIC, group_id=GROUP, batch=True, max_records=200, batch_timeout_ms=50,
                          auto_offset_reset="earliest", fetch_max_wait_ms=rt.settings.fetch_max_wait_ms,
                          ack_policy=AckPolicy.NACK_ON_ERROR)(on_batch)
        while not rt.stop.is_set():
            try:
                await broker.start()
                break
            except Exception as exc:  # broker not reachable yet: retry, the service stays up
                log(logger, logging.WARNING, "inbound consumer cannot start, retrying", error=repr(exc))
                await asyncio.sleep(1.0)
        try:
            await rt.stop.wait()
        finally:
            await broker.stop()

    return inbound_consumer
