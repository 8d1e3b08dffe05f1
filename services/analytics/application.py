"""Analytics use cases: append every event to the hash-chained trail once, keep the case
view current, read views, and verify the chain."""

import json
from datetime import datetime
from uuid import UUID

import asyncpg

from contracts.envelope import Envelope
from services.analytics import metrics
from services.analytics.domain.case_view import build_view
from services.analytics.domain.chain import first_break, link


# Events on a tenant's stream rather than a complaint's: in the trail, not in a case view.
NOT_ABOUT_A_COMPLAINT = {"OrganisationApplied"}


async def handle(conn: asyncpg.Connection, envelope: Envelope, _now: datetime) -> str:
    """Runs inside the consumer's transaction, after the inbox accepted the event id."""
    head = await conn.fetchrow("SELECT position, hash FROM trail_head WHERE id = 1 FOR UPDATE")
    body = json.loads(envelope.model_dump_json())
    entry_hash = link(head["hash"], body)
    position = await conn.fetchval(
        "INSERT INTO trail (event_id, source, type, tenant_id, complaint_id, envelope, prev_hash, hash)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING position",
        envelope.event_id, envelope.source, envelope.type, envelope.tenant_id, envelope.complaint_id,
        json.dumps(body), head["hash"], entry_hash,
    )
    await conn.execute("UPDATE trail_head SET position = $1, hash = $2 WHERE id = 1", position, entry_hash)
    metrics.TRAIL_EVENTS.labels(envelope.source).inc()
    metrics.TRAIL_HEAD.set(position)
    if envelope.type in NOT_ABOUT_A_COMPLAINT:
        return "processed"
    rows = await conn.fetch("SELECT envelope FROM trail WHERE complaint_id = $1 ORDER BY position",
                            envelope.complaint_id)
    view = build_view([Envelope.model_validate_json(r["envelope"]) for r in rows])
    await conn.execute(
        "INSERT INTO case_views (complaint_id, tenant_id, view) VALUES ($1, $2, $3)"
        " ON CONFLICT (complaint_id) DO UPDATE SET view = $3, updated_at = now()",
        envelope.complaint_id, envelope.tenant_id, json.dumps(view),
    )
    return "processed"


async def case_view(pool: asyncpg.Pool, tenant_id: str, complaint_id: UUID) -> dict | None:
    raw = await pool.fetchval("SELECT view FROM case_views WHERE complaint_id = $1 AND tenant_id = $2",
                              complaint_id, tenant_id)
    return json.loads(raw) if raw is not None else None


async def verify_trail(pool: asyncpg.Pool) -> dict:
    """Recompute the whole chain; report its length and the first entry that fails, if any."""
    async with pool.acquire() as conn, conn.transaction():
        entries = [
            (r["position"], json.loads(r["envelope"]), r["prev_hash"], r["hash"])
            async for r in conn.cursor("SELECT position, envelope, prev_hash, hash FROM trail ORDER BY position")
        ]
    broken = first_break(entries)
    return {"entries": len(entries), "verified": broken is None, "first_broken_position": broken,
            "head_hash": entries[-1][3] if entries else None}
